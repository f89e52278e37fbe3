import { describeLinqError, LinqError } from '@/lib/linq/errors';
import type { ErrorContext, StaffFacingError } from '@/lib/linq/error-messages';

export type LinqRead<T> = { ok: true; value: T } | { ok: false; error: StaffFacingError };

/**
 * Runs a Linq read for a page or a route: a Linq failure becomes the staff-facing message to show
 * in its place, not a crash. Any other error is a bug and is thrown on.
 */
export async function readLinq<T>(read: () => Promise<T>, context?: ErrorContext): Promise<LinqRead<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (error instanceof LinqError) return { ok: false, error: describeLinqError(error.facts(), context) };
    throw error;
  }
}
