// How what staff type is matched: participants in History (a whole number or email), the chat
// index's search (any part). One rule for both, here at the bottom, for the pages and the queries.

export const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A participant as History's filter needs it: a full E.164 number or an email address. Spaces,
 * dashes, dots and brackets typed in a phone number are dropped.
 */
export function normaliseParticipant(raw: string): string | null {
  const value = raw.trim();
  if (value === '') return null;
  if (value.includes('@')) return EMAIL.test(value) ? value.toLowerCase() : null;
  const phone = value.replace(/[\s().-]/g, '');
  return E164.test(phone) ? phone : null;
}

/**
 * The text the chat index is searched for: lower case, and for something typed like a phone
 * number, without the spaces, dashes, dots and brackets people type in one (handles are E.164).
 */
export function searchTerm(raw: string | undefined): string | undefined {
  const value = raw?.trim().toLowerCase();
  if (!value) return undefined;
  return /^[+\d\s().-]+$/.test(value) ? value.replace(/[\s().-]/g, '') : value;
}
