import http from 'node:http';
import { logger } from '@/lib/observability/log';
import { REQUEST_ID_HEADER, requestIdFrom, withRequestId } from '@/lib/observability/request-context';
import { PEER_ADDRESS_HEADER } from '@/lib/server/peer-address';

const PATCHED = Symbol.for('linq-console.request-hooks');
/** Set on a server whose requests are not the console's (the local sandbox's). */
const UNLOGGED = Symbol.for('linq-console.unlogged');

/** Requests nobody reads one by one (assets, probes): logged at debug level only. */
const ROUTINE = /^\/(_next\/|favicon\.ico$|api\/(health|ready|metrics)$)/;

/** The address's path, decoded (so that the logger masks a phone number in it as anywhere else), without its query. */
function decodedPath(url = '/'): string {
  const path = url.split('?')[0]!;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * Before Next.js sees a request: stamps the TCP peer's address on it, gives it a request id (in the
 * request's headers, the answer's X-Request-Id, and the async context, so every log line made while
 * it is handled carries it), and logs one line when the answer is sent: method, path (no query,
 * which may hold a customer's number), status, duration.
 */
export function installRequestHooks(): void {
  const prototype = http.Server.prototype as http.Server & { [PATCHED]?: boolean };
  if (prototype[PATCHED]) return;
  prototype[PATCHED] = true;
  const log = logger('http');
  const emit = prototype.emit;
  prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event !== 'request' || (this as unknown as Record<symbol, unknown>)[UNLOGGED]) return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
    const request = args[0] as http.IncomingMessage;
    const response = args[1] as http.ServerResponse;
    request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? '';
    const requestId = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
    request.headers[REQUEST_ID_HEADER] = requestId;
    response.setHeader('X-Request-Id', requestId);
    const startedAt = performance.now();
    response.once('close', () => {
      const path = decodedPath(request.url);
      const line = {
        requestId,
        method: request.method,
        path,
        ...(request.headers['next-action'] && { serverAction: true }),
        status: response.statusCode,
        ms: Math.round(performance.now() - startedAt),
        ...(!response.writableFinished && { aborted: true }),
      };
      if (ROUTINE.test(path)) log.debug(line, 'request');
      else log.info(line, 'request');
    });
    return withRequestId(requestId, () => emit.apply(this, [event, ...args] as unknown as Parameters<typeof emit>));
  } as typeof prototype.emit;
}
