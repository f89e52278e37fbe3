import type { ErrorContext, StaffFacingError } from '@/lib/linq/error-messages';
import { describeLinqError, LinqError } from '@/lib/linq/errors';

/** A failed read as a page shows it: the sentence and next step, and what an engineer or Linq asks for. */
export type LinqReadError = StaffFacingError & { code?: number; traceId?: string };

export type LinqRead<T> = { ok: true; value: T } | { ok: false; error: LinqReadError };

/**
 * How long a page waits for Linq in all, retries included. The SDK alone would wait up to three
 * 15 s attempts (47 s of skeleton on a hanging Linq); past this the page says so instead.
 */
export const PAGE_READ_DEADLINE_MS = 15_000;

/**
 * Runs a Linq read for a page or a route: a Linq failure, or no answer within the deadline, becomes
 * the staff-facing message to show in its place, not a crash. Any other error is a bug and is thrown on.
 */
export async function readLinq<T>(read: () => Promise<T>, context?: ErrorContext, deadlineMs = PAGE_READ_DEADLINE_MS): Promise<LinqRead<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LinqError({ kind: 'timeout' })), deadlineMs);
  });
  try {
    return { ok: true, value: await Promise.race([read(), deadline]) };
  } catch (error) {
    if (!(error instanceof LinqError)) throw error;
    const facts = error.facts();
    return { ok: false, error: { ...describeLinqError(facts, context), code: facts.code, traceId: facts.traceId } };
  } finally {
    clearTimeout(timer);
  }
}
