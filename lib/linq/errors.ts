import { APIConnectionError, APIConnectionTimeoutError, APIError } from '@linqapp/sdk';
import type { LinqErrorFacts, LinqErrorKind } from '@/lib/linq/error-facts';
import {
  describeRefusedShareRequest,
  describeUnknownError,
  LINQ_ERROR_MESSAGES,
  TRANSPORT_MESSAGES,
  type ErrorContext,
  type StaffFacingError,
} from '@/lib/linq/error-messages';
import { waitSeconds } from '@/lib/linq/limits';

// Next.js may bundle this module more than once (a route, the instrumentation hook), while the
// gateway that throws is one shared object: `instanceof` recognises any copy by this brand.
const LINQ_ERROR = Symbol.for('linq-console.LinqError');

export class LinqError extends Error implements LinqErrorFacts {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[LINQ_ERROR] === true;
  }

  readonly [LINQ_ERROR] = true;
  override name = 'LinqError';
  readonly kind: LinqErrorKind;
  readonly code?: number;
  readonly status?: number;
  readonly linqMessage?: string;
  readonly traceId?: string;
  readonly retryAfterSeconds?: number;
  readonly docUrl?: string;

  constructor(facts: LinqErrorFacts) {
    super(facts.code ? `Linq error ${facts.code} (HTTP ${facts.status})` : `Linq ${facts.kind} error${facts.status ? ` (HTTP ${facts.status})` : ''}`);
    this.kind = facts.kind;
    this.code = facts.code;
    this.status = facts.status;
    this.linqMessage = facts.linqMessage;
    this.traceId = facts.traceId;
    this.retryAfterSeconds = facts.retryAfterSeconds;
    this.docUrl = facts.docUrl;
  }

  facts(): LinqErrorFacts {
    const { kind, code, status, linqMessage, traceId, retryAfterSeconds, docUrl } = this;
    return { kind, code, status, linqMessage, traceId, retryAfterSeconds, docUrl };
  }
}

interface Envelope {
  error?: { code?: unknown; message?: unknown; retry_after?: unknown; doc_url?: unknown };
  trace_id?: unknown;
}

function retryAfterFrom(headers: Headers | undefined, envelope: Envelope | undefined): number | undefined {
  const fromBody = envelope?.error?.retry_after;
  if (typeof fromBody === 'number' && fromBody >= 0) return fromBody;
  const header = headers?.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Linq's documentation page for an error, only when it is an https address on Linq's own site. */
function linqDocUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 300) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && (url.hostname === 'linqapp.com' || url.hostname.endsWith('.linqapp.com')) ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Turns whatever a Linq call threw into a LinqError; anything that is not a Linq failure is rethrown. */
export function toLinqError(error: unknown): LinqError {
  if (error instanceof LinqError) return error;
  if (error instanceof APIConnectionTimeoutError) return new LinqError({ kind: 'timeout' });
  if (error instanceof APIConnectionError) return new LinqError({ kind: 'connection' });
  if (error instanceof APIError) {
    const envelope = (typeof error.error === 'object' && error.error !== null ? error.error : undefined) as Envelope | undefined;
    const code = envelope?.error?.code;
    const message = envelope?.error?.message;
    const traceId = envelope?.trace_id ?? error.headers?.get('x-trace-id') ?? undefined;
    return new LinqError({
      kind: 'api',
      status: error.status,
      code: typeof code === 'number' ? code : undefined,
      linqMessage: typeof message === 'string' ? message : undefined,
      traceId: typeof traceId === 'string' ? traceId : undefined,
      retryAfterSeconds: retryAfterFrom(error.headers, envelope),
      docUrl: linqDocUrl(envelope?.error?.doc_url),
    });
  }
  throw error;
}

/** The sentence and next step for a failure, from the one table in error-messages.ts. */
export function describeLinqError(facts: LinqErrorFacts, context: ErrorContext = {}): StaffFacingError {
  const withWait = { ...context, retryAfterSeconds: context.retryAfterSeconds ?? facts.retryAfterSeconds };
  if (facts.kind === 'timeout') return TRANSPORT_MESSAGES.timeout(withWait);
  if (facts.kind === 'connection') return TRANSPORT_MESSAGES.connection(withWait);
  if (context.purpose === 'share' && facts.code !== undefined && facts.code >= 1000 && facts.code < 2000 && facts.code !== 1007) {
    return describeRefusedShareRequest(facts.code);
  }
  const entry = facts.code === undefined ? undefined : LINQ_ERROR_MESSAGES[facts.code];
  return entry ? entry(withWait) : describeUnknownError(facts.status, facts.code, withWait);
}

/**
 * Linq's 429, the one rule for every caller (the sync, webhook deliveries, runs): when asking again
 * is allowed, from its Retry-After (30 s when it gave none). Null for any other failure.
 */
export function retryAfter(error: unknown, now: Date): Date | null {
  if (!(error instanceof LinqError) || error.status !== 429) return null;
  return new Date(now.getTime() + waitSeconds(error) * 1000);
}
