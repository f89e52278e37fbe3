import type { SecondFactorRule as DbSecondFactorRule } from '@/generated/prisma/enums';
import type { Role } from '@/lib/roles';

// Who must sign in with a second factor: a console-wide rule admins set in Settings. Pure.

export const SECOND_FACTOR_RULES = ['OPTIONAL', 'ADMINS', 'EVERYONE'] as const;
export type SecondFactorRule = (typeof SECOND_FACTOR_RULES)[number];

// Fails to compile if the database enum and this list ever drift apart.
const sameRules: [SecondFactorRule, DbSecondFactorRule] extends [DbSecondFactorRule, SecondFactorRule] ? true : never = true;
void sameRules;

export const SECOND_FACTOR_RULE_LABELS: Record<SecondFactorRule, string> = {
  OPTIONAL: 'Optional: each person decides',
  ADMINS: 'Required for admins',
  EVERYONE: 'Required for everyone',
};

export function secondFactorRequired(rule: SecondFactorRule, role: Role): boolean {
  return rule === 'EVERYONE' || (rule === 'ADMINS' && role === 'ADMIN');
}

export function isSecondFactorRule(value: unknown): value is SecondFactorRule {
  return typeof value === 'string' && (SECOND_FACTOR_RULES as readonly string[]).includes(value);
}
