import { hasControlCharacters } from '@/lib/validations/safe-text';

/** Longer than any value of the console's own addresses (a search, a cursor, an id). */
const MAX_VALUE_LENGTH = 2_000;

const REFUSED =
  'That address contains a character or a value no page of the console uses (a control character, or one far too long). Open the page from the console’s own links.';

/**
 * A route handler's first check on its address: its path parameters (as Next.js decoded them) and
 * its query values. Null when they are fine; otherwise the 400 to answer, before anything reaches
 * a query.
 */
export function refuseHostileAddress(request: Request, params: Record<string, string> = {}): Response | null {
  const values = [...new URL(request.url).searchParams.entries()].flat().concat(Object.values(params));
  return values.some((value) => value.length > MAX_VALUE_LENGTH || hasControlCharacters(value)) ? Response.json({ error: REFUSED }, { status: 400 }) : null;
}
