/**
 * The TCP peer's address, stamped on every request by the console itself (request-hooks.ts).
 * Next.js gives route handlers and server actions only the headers, and keeps a client's own
 * X-Forwarded-For, so the socket's address would otherwise be lost. Any value a client sends under
 * this name is replaced.
 */
export const PEER_ADDRESS_HEADER = 'x-console-peer-address';
