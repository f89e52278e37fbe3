import { Prisma } from '@/generated/prisma/client';
import { likePattern } from '@/lib/search-terms';

// How a search term finds chats in the index, for the Chats page and History alike. A term of
// digits (part of a phone number) is one btree range over the suffixes of the chats' digit runs
// (the chat_search_suffixes migration): a trigram search would read every chat of the area code.
// Anything else is the trigram search over the search text. Both find exactly the chats whose
// search text contains the term.

const DIGITS = /^\+?[0-9]+$/;

/** Whether `term` (from searchTerm) is searched by the digit suffixes: digits, a leading plus allowed, 4 characters or more. */
export function searchesDigits(term: string): boolean {
  return term.length >= 4 && DIGITS.test(term);
}

/** The chats (of `chat`, an alias of "Chat") whose search text contains `term`. */
export function chatMatches(term: string, chat: Prisma.Sql): Prisma.Sql {
  if (!searchesDigits(term)) return Prisma.sql`${chat}."searchText" LIKE ${likePattern(term)}`;
  // Every suffix is made of "+" and digits, which sort before ":": [term, term + ":") holds exactly those beginning with term.
  return Prisma.sql`EXISTS (SELECT 1 FROM "ChatSearchSuffix" x WHERE x."chatId" = ${chat}."id" AND x."suffix" >= ${term} AND x."suffix" < ${`${term}:`})`;
}
