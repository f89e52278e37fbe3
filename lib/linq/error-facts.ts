// What the console knows of a failed Linq call, as plain data: pure and free of the SDK, so runs,
// reports and the browser can read it.

export type LinqErrorKind = 'api' | 'timeout' | 'connection';

/** Everything the console knows about a failed Linq call, in one serialisable shape. */
export interface LinqErrorFacts {
  kind: LinqErrorKind;
  /** Linq's error code (error.code in the envelope), when it sent one. */
  code?: number;
  /** HTTP status, when Linq answered. */
  status?: number;
  /** Linq's own message, kept for the record, never shown as the explanation. */
  linqMessage?: string;
  traceId?: string;
  /** Seconds to wait, from the envelope's retry_after or the Retry-After header. */
  retryAfterSeconds?: number;
  /** Linq's page about the error code (the envelope's doc_url), when it sent one. */
  docUrl?: string;
}

/**
 * A failure as a short code for reports and runs: linq_3006 (Linq's code), http_503 (a status
 * without one), linq_timeout or linq_connection (no answer).
 */
export function failureReason(facts: Pick<LinqErrorFacts, 'kind' | 'code' | 'status'>): string {
  if (facts.code) return `linq_${facts.code}`;
  if (facts.status) return `http_${facts.status}`;
  return `linq_${facts.kind}`;
}
