import type { Role } from '@/lib/roles';

// Who may enter through single sign-on, decided from what the company's provider says about the
// person (the ID token's claims) and what the console knows. Pure: lib/auth/sso.ts reads and writes.

/** Why a person the provider signed in is not let into the console. */
export type SsoRefusal = 'no_email' | 'unverified_email' | 'unknown' | 'disabled';

export type SsoAdmission =
  | { admit: 'staff'; userId: string }
  /** Not on the Staff page yet, but of the allowed domain: joins with the default role. */
  | { admit: 'join'; email: string; name: string; role: Role }
  | { refuse: SsoRefusal };

export interface SsoStaffMatch {
  id: string;
  disabled: boolean;
}

/** A plausible email address, lower-cased; null for anything else. */
export function ssoEmail(claim: unknown): string | null {
  if (typeof claim !== 'string') return null;
  const email = claim.trim().toLowerCase();
  return email.length <= 320 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}

/**
 * Only a verified address can stand for a staff account: an unverified one could be anyone's.
 * Some providers send the claim as the string "true".
 */
function emailVerified(claim: unknown): boolean {
  return claim === true || claim === 'true';
}

function displayName(claims: Record<string, unknown>, email: string): string {
  const name = typeof claims.name === 'string' ? claims.name.trim() : '';
  return (name || email.slice(0, email.indexOf('@'))).slice(0, 100);
}

export function decideSsoAdmission(input: {
  claims: Record<string, unknown>;
  /** The staff account with the claims' email, if any. */
  staff: SsoStaffMatch | null;
  allowedDomain: string | null;
  defaultRole: Role;
}): SsoAdmission {
  const email = ssoEmail(input.claims.email);
  if (!email) return { refuse: 'no_email' };
  if (!emailVerified(input.claims.email_verified)) return { refuse: 'unverified_email' };
  if (input.staff) return input.staff.disabled ? { refuse: 'disabled' } : { admit: 'staff', userId: input.staff.id };
  if (input.allowedDomain && email.endsWith(`@${input.allowedDomain}`)) {
    return { admit: 'join', email, name: displayName(input.claims, email), role: input.defaultRole };
  }
  return { refuse: 'unknown' };
}

/** What the sign-in page says for each refusal (`/login?sso=<refusal>`). */
export const SSO_REFUSAL_SENTENCES: Record<SsoRefusal, string> = {
  no_email:
    "Your company's sign-in did not tell the console your email address, so it cannot find your staff account. Ask your IT team to include the email in the sign-in (the “email” scope).",
  unverified_email:
    "Your company's sign-in says your email address is not verified, so the console cannot match it to a staff account. Ask your IT team to verify it, then sign in again.",
  unknown: 'Your email address is not on the console’s Staff page. Ask an admin to add you, then sign in again.',
  disabled: 'An admin disabled your account, so you cannot sign in. Ask an admin if you think this is a mistake.',
};

export function isSsoRefusal(value: unknown): value is SsoRefusal {
  return typeof value === 'string' && Object.hasOwn(SSO_REFUSAL_SENTENCES, value);
}
