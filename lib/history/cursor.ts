import { hasControlCharacters, isIsoInstant } from '@/lib/validations/safe-text';

// Keyset pagination: a page starts after the last row of the previous one, identified by
// (createdAt, id). Opaque to the browser, exact to the millisecond, stable under new inserts.

export interface Keyset {
  createdAt: string;
  id: string;
}

export function encodeCursor(keyset: Keyset): string {
  return Buffer.from(`${keyset.createdAt}|${keyset.id}`, 'utf8').toString('base64url');
}

/** The keyset in a cursor, or null when it is not one of ours (then the first page is shown). */
export function decodeCursor(cursor: string | undefined): Keyset | null {
  if (!cursor) return null;
  const [createdAt, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !id || id.length > 64 || hasControlCharacters(id) || !isIsoInstant(createdAt)) return null;
  return { createdAt: new Date(createdAt).toISOString(), id };
}
