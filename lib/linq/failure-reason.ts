import type { LinqErrorFacts } from '@/lib/linq/errors';

/**
 * A failure as a short code for reports and runs: linq_3006 (Linq's code), http_503 (a status
 * without one), linq_timeout or linq_connection (no answer). Pure, and free of the SDK, so the
 * browser can read the codes too.
 */
export function failureReason(facts: Pick<LinqErrorFacts, 'kind' | 'code' | 'status'>): string {
  if (facts.code) return `linq_${facts.code}`;
  if (facts.status) return `http_${facts.status}`;
  return `linq_${facts.kind}`;
}
