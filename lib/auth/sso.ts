import 'server-only';
import { randomBytes } from 'node:crypto';
import { openConsoleSecret } from '@/lib/auth/console-secrets';
import { recordSsoSignIn } from '@/lib/auth/login-attempts';
import { hashPassword } from '@/lib/auth/password';
import type { SecondFactorRule } from '@/lib/auth/second-factor-rule';
import { decideSsoAdmission, type SsoRefusal } from '@/lib/auth/sso-admission';
import { db } from '@/lib/db';
import type { Role } from '@/lib/roles';

// Single sign-on as stored in the SignInPolicy row: the provider's connection, who may join, and
// whether password sign-in is still open. Read on each use, so an admin's change applies at once on
// every instance.

/** Everything the sign-in rules say, read with each session check (lib/auth/guards.ts). */
export interface SignInPolicy {
  secondFactor: SecondFactorRule;
  /** Password sign-in is off for everyone but the break-glass admin (only while SSO is set up). */
  ssoOnly: boolean;
  breakGlassUserId: string | null;
}

export async function readSignInPolicy(): Promise<SignInPolicy> {
  const row = await db.signInPolicy.findUnique({
    where: { id: 1 },
    select: { secondFactor: true, ssoOnly: true, breakGlassUserId: true, ssoIssuer: true, ssoClientId: true, ssoClientSecret: true },
  });
  const ssoSetUp = Boolean(row?.ssoIssuer && row.ssoClientId && row.ssoClientSecret);
  return { secondFactor: row?.secondFactor ?? 'OPTIONAL', ssoOnly: ssoSetUp && (row?.ssoOnly ?? false), breakGlassUserId: row?.breakGlassUserId ?? null };
}

/** Whether a password sign-in (or a session it made) is allowed for this person under the policy. */
export function passwordSignInAllowed(policy: Pick<SignInPolicy, 'ssoOnly' | 'breakGlassUserId'>, userId: string): boolean {
  return !policy.ssoOnly || policy.breakGlassUserId === userId;
}

/** The provider's id in Auth.js's routes: /api/auth/callback/sso is the address to register. */
export const SSO_PROVIDER_ID = 'sso';

export interface SsoConnection {
  /** Shown as "Sign in with <name>". */
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** The provider's connection, or null when SSO is not set up (or its secret cannot be opened). */
export async function readSsoConnection(): Promise<SsoConnection | null> {
  const row = await db.signInPolicy.findUnique({ where: { id: 1 }, select: { ssoName: true, ssoIssuer: true, ssoClientId: true, ssoClientSecret: true } });
  if (!row?.ssoIssuer || !row.ssoClientId || !row.ssoClientSecret) return null;
  const clientSecret = openConsoleSecret(row.ssoClientSecret);
  if (clientSecret === null) return null;
  return { name: row.ssoName || 'single sign-on', issuer: row.ssoIssuer, clientId: row.ssoClientId, clientSecret };
}

export type SsoSignInResult = { ok: true; user: { id: string; email: string; name: string; role: Role } } | { ok: false; refusal: SsoRefusal };

/**
 * Lets in (or refuses) a person the provider signed in, from the ID token's claims. Either way the
 * attempt is recorded with the password attempts; a person admitted by the allowed domain is added
 * to the Staff page, and that is recorded in the staff history.
 */
export async function signInThroughSso(claims: Record<string, unknown>, address: string): Promise<SsoSignInResult> {
  const policy = await db.signInPolicy.findUnique({ where: { id: 1 }, select: { ssoAllowedDomain: true, ssoDefaultRole: true } });
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  const staff = email ? await db.user.findUnique({ where: { email }, select: { id: true, disabled: true } }) : null;
  const admission = decideSsoAdmission({ claims, staff, allowedDomain: policy?.ssoAllowedDomain ?? null, defaultRole: policy?.ssoDefaultRole ?? 'VIEWER' });
  if ('refuse' in admission) {
    if (email) await recordSsoSignIn(email.slice(0, 320), address, false);
    return { ok: false, refusal: admission.refuse };
  }
  const userId = admission.admit === 'staff' ? admission.userId : await join(admission);
  const user = await db.user.update({
    where: { id: userId },
    data: { lastLoginAt: new Date() },
    select: { id: true, email: true, name: true, role: true },
  });
  await recordSsoSignIn(user.email, address, true);
  return { ok: true, user };
}

async function join(person: { email: string; name: string; role: Role }): Promise<string> {
  // The account has a password nobody knows: it signs in through SSO (or after an admin's reset).
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: person.email, name: person.name, role: person.role, passwordHash }, select: { id: true } });
      await tx.staffChange.create({
        data: { kind: 'JOINED_THROUGH_SSO', actorId: user.id, targetId: user.id, after: { role: person.role, disabled: false } },
      });
      return user.id;
    });
  } catch (error) {
    // The same person's first sign-in in two tabs at once: the other one added them.
    if ((error as { code?: string }).code !== 'P2002') throw error;
    return (await db.user.findUniqueOrThrow({ where: { email: person.email }, select: { id: true } })).id;
  }
}
