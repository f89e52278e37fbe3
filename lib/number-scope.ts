import { Prisma } from '@/generated/prisma/client';
import type { Role } from '@/lib/roles';

// Staff limited to some sending numbers (a shop's people see their shop's lines). One idea, used by
// every read and every action: a scope is the list of numbers a person may see and act on, or null
// for every number. Pure: the session (lib/auth/guards.ts) reads it with the person, on every request.

/** The sending numbers a person may see and act on; null: every number. */
export type NumberScope = readonly string[] | null;

/** What a person limited to some numbers is told of another number: as if it did not exist, and what to do. */
export const NOT_YOUR_NUMBER = 'That number is not one of yours in this console. Ask an admin if you need it.';

/** The same of a chat: whether it does not exist or is another number's is not told. */
export const NOT_YOUR_CHAT = 'That chat is not on one of your numbers in this console. Ask an admin if you need it.';

/** A person's scope from their account: admins always have every number; others only if not limited. */
export function scopeOf(person: { role: Role; limitedToNumbers: boolean; numbers: readonly string[] }): NumberScope {
  return person.role === 'ADMIN' || !person.limitedToNumbers ? null : [...new Set(person.numbers)].sort();
}

/** Whether a sending number is within the scope (a chat without a number of the business is in no scope but all). */
export function covers(scope: NumberScope, phoneNumber: string | null | undefined): boolean {
  return scope === null || (typeof phoneNumber === 'string' && scope.includes(phoneNumber));
}

/** Whether every number of a run (or any list) is within the scope. */
export function coversAll(scope: NumberScope, numbers: readonly string[]): boolean {
  return scope === null || numbers.every((number) => scope.includes(number));
}

/** The items whose number the scope covers, in their order. */
export function within<T>(scope: NumberScope, items: readonly T[], numberOf: (item: T) => string | null): T[] {
  return scope === null ? [...items] : items.filter((item) => covers(scope, numberOf(item)));
}

/**
 * SQL: the number in `column` is within the scope. One bound array parameter, so that an index on the
 * column still serves it (PostgreSQL reads `= ANY(array)` as one index probe per number).
 */
export function numberWithin(scope: NumberScope, column: Prisma.Sql): Prisma.Sql {
  return scope === null ? Prisma.sql`TRUE` : Prisma.sql`${column} = ANY(${[...scope]}::text[])`;
}

/** SQL: every number of the array in `column` (a run's numbers) is within the scope. */
export function numbersWithin(scope: NumberScope, column: Prisma.Sql): Prisma.Sql {
  return scope === null ? Prisma.sql`TRUE` : Prisma.sql`${column} <@ ${[...scope]}::text[]`;
}

/** Prisma `where` on a sending-number field: within the scope. */
export function numberWhere(scope: NumberScope): { in: string[] } | undefined {
  return scope === null ? undefined : { in: [...scope] };
}

/** How the scope reads to the person: "every number" or the list. */
export function describeScope(scope: NumberScope): string {
  if (scope === null) return 'every number';
  if (scope.length === 0) return 'no number yet';
  return scope.length === 1 ? scope[0]! : `${scope.slice(0, -1).join(', ')} and ${scope.at(-1)}`;
}
