import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A Linq error: the handler throws it, the server answers with Linq's envelope. */
export class LinqApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendNoContent(res: ServerResponse): void {
  res.writeHead(204);
  res.end();
}

/** Linq's error envelope: {success:false, error:{status, code, message, doc_url}, trace_id}. */
export function sendLinqError(res: ServerResponse, error: LinqApiError): void {
  const range = `${String(error.code)[0]}xxx`;
  const body = {
    success: false,
    error: {
      status: error.status,
      code: error.code,
      message: error.message,
      doc_url: `https://docs.linqapp.com/error/codes/${range}/${error.code}/`,
      ...(error.retryAfterSeconds !== undefined && { retry_after: error.retryAfterSeconds }),
    },
    trace_id: randomBytes(16).toString('hex'),
  };
  const headers: Record<string, string> = error.retryAfterSeconds !== undefined ? { 'retry-after': String(error.retryAfterSeconds) } : {};
  sendJson(res, error.status, body, headers);
}

const MAX_BODY_BYTES = 1_000_000;

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new LinqApiError(400, 1003, 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new LinqApiError(400, 1003, 'Invalid request body');
  }
}

export function isE164(value: unknown): value is string {
  return typeof value === 'string' && /^\+[1-9]\d{6,14}$/.test(value);
}

export function requireObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new LinqApiError(400, 1003, 'Invalid request body');
  return body as Record<string, unknown>;
}

/** `limit` as Linq validates it: a whole number from 1 to 100, with a per-endpoint default. */
export function parseLimit(query: URLSearchParams, fallback: number): number {
  const raw = query.get('limit');
  if (raw === null) return fallback;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new LinqApiError(400, 1005, 'limit must be between 1 and 100');
  return limit;
}

/** Cursors are offsets written as strings, as in Linq's docs ("20"); anything else is refused. */
export function parseCursor(query: URLSearchParams): number {
  const raw = query.get('cursor');
  if (raw === null || raw === '') return 0;
  if (!/^\d+$/.test(raw)) throw new LinqApiError(400, 1005, 'Invalid cursor');
  return Number(raw);
}

export function page<T>(items: T[], offset: number, limit: number): { items: T[]; next_cursor: string | null } {
  const slice = items.slice(offset, offset + limit);
  const next = offset + limit;
  return { items: slice, next_cursor: next < items.length ? String(next) : null };
}
