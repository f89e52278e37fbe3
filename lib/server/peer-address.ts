import http from 'node:http';

/**
 * The TCP peer's address, stamped on every request by the console itself. Next.js gives route
 * handlers and server actions only the headers, and keeps a client's own X-Forwarded-For, so the
 * socket's address would otherwise be lost. Any value a client sends under this name is replaced.
 */
export const PEER_ADDRESS_HEADER = 'x-console-peer-address';

const PATCHED = Symbol.for('linq-console.peer-address');

export function stampPeerAddresses(): void {
  const prototype = http.Server.prototype as http.Server & { [PATCHED]?: boolean };
  if (prototype[PATCHED]) return;
  prototype[PATCHED] = true;
  const emit = prototype.emit;
  prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? '';
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof prototype.emit;
}
