// How what staff type is matched, by Chats and by History alike: any part of a chat's name, handles
// or emails, from the chat index. One rule, here at the bottom, for the pages and the queries.

export const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * The text the chat index is searched for: lower case, and for something typed like a phone
 * number, without the spaces, dashes, dots and brackets people type in one (handles are E.164).
 */
export function searchTerm(raw: string | undefined): string | undefined {
  const value = raw?.trim().toLowerCase();
  if (!value) return undefined;
  return /^[+\d\s().-]+$/.test(value) ? value.replace(/[\s().-]/g, '') : value;
}

/** A LIKE pattern finding `term` anywhere (its own %, _ and \ taken literally). */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
