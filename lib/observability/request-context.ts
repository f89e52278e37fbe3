import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

// The request id: given to each request as it arrives (or taken from the proxy in front, when it
// sends a sane one), returned in X-Request-Id, written on each log line made while the request is
// handled, and carried into the jobs the request queues, whose lines carry it too.

export const REQUEST_ID_HEADER = 'x-request-id';

const context = new AsyncLocalStorage<{ requestId: string }>();

/** A proxy's id is kept when it looks like one (letters, digits, dashes; at most 64), else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomBytes(12).toString('base64url');
}

/** Runs `work` (and what it starts) as part of the request or job `requestId`. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return context.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}
