import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { auth } from '@/lib/auth';
import { secondFactorRequired } from '@/lib/auth/second-factor-rule';
import { sessionIsCurrent } from '@/lib/auth/session-time';
import { passwordSignInAllowed, readSignInPolicy } from '@/lib/auth/sso';
import { db } from '@/lib/db';
import { scopeOf, type NumberScope } from '@/lib/number-scope';
import { can, type Permission, type Role } from '@/lib/roles';

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The sending numbers the person may see and act on; null: every number. */
  numbers: NumberScope;
}

/** What identifies a signed-in session: enough to read it again later (a live stream does). */
export interface SessionKey {
  userId: string;
  sessionId: string;
  signedInAt: number;
  /** A single sign-on session relies on the provider's second factor, not the console's. */
  signInMethod: 'password' | 'sso';
}

/** The session of the request, as its cookie says (not yet checked against the database). */
export const getSessionKey = cache(async (): Promise<SessionKey | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  const { sessionId, signedInAt, signInMethod = 'password' } = session ?? {};
  return userId && sessionId && signedInAt ? { userId, sessionId, signedInAt, signInMethod } : null;
});

/** Why a session that was signed in is over: the sign-in page tells the person (SESSION_ENDED). */
export type SessionEnd = 'expired' | 'disabled' | 'removed' | 'signed_out' | 'password_changed' | 'signed_out_everywhere' | 'sso_only';

/**
 * A current session, and whether the person must still set up a second factor (the console's rule
 * requires one for their role and they have none): until they do, they reach only that setup.
 */
export type SessionVerdict = { user: StaffUser; secondFactorMissing: boolean } | { ended: SessionEnd };

/**
 * The staff member of a session, read from the database, or why the session is over: the account
 * was disabled or is gone, or the session expired, was signed out or ended by a password change, or
 * it was a password session and password sign-in has since been turned off for this person.
 */
export async function readSessionVerdict({ userId, sessionId, signedInAt, signInMethod }: SessionKey): Promise<SessionVerdict> {
  // Expired sessions are refused before the database is asked anything.
  if (!sessionIsCurrent(signedInAt, null)) return { ended: 'expired' };
  const [user, revoked, policy] = await Promise.all([
    db.user.findUnique({
      where: { id: userId },
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        disabled: true,
        sessionsRevokedAt: true,
        sessionsRevokedReason: true,
        totpEnabledAt: true,
        limitedToNumbers: true,
        numbers: true,
        passkeys: { select: { id: true }, take: 1 },
      },
    }),
    db.revokedSession.findUnique({ where: { sessionId }, select: { sessionId: true } }),
    readSignInPolicy(),
  ]);
  if (!user) return { ended: 'removed' };
  if (user.disabled) return { ended: 'disabled' };
  if (revoked) return { ended: 'signed_out' };
  if (!sessionIsCurrent(signedInAt, user.sessionsRevokedAt)) {
    return { ended: user.sessionsRevokedReason === 'SIGNED_OUT_EVERYWHERE' ? 'signed_out_everywhere' : 'password_changed' };
  }
  const bySso = signInMethod === 'sso';
  if (!bySso && !passwordSignInAllowed(policy, user.id)) return { ended: 'sso_only' };
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role, numbers: scopeOf(user) },
    secondFactorMissing: !bySso && !user.totpEnabledAt && user.passkeys.length === 0 && secondFactorRequired(policy.secondFactor, user.role),
  };
}

/** The staff member of a session, or null when it is over (readSessionVerdict says why). */
export async function readStaffSession(key: SessionKey): Promise<StaffUser | null> {
  const verdict = await readSessionVerdict(key);
  return 'user' in verdict ? verdict.user : null;
}

/**
 * The signed-in staff member, read from the database on every request (once per render):
 * a role change, a disabled account or a sign-out takes effect at once, whatever the
 * session cookie says.
 */
const getSessionVerdict = cache(async (): Promise<SessionVerdict | null> => {
  const key = await getSessionKey();
  return key ? readSessionVerdict(key) : null;
});

export const getCurrentUser = cache(async (): Promise<StaffUser | null> => {
  const verdict = await getSessionVerdict();
  return verdict && 'user' in verdict ? verdict.user : null;
});

/**
 * For pages and reads: sends anonymous visitors to the sign-in page, and staff whose session is
 * over there with the reason (an admin disabled them, their password was changed…).
 */
export async function requireUser(): Promise<StaffUser> {
  const { user, secondFactorMissing } = await requireSignedIn();
  if (secondFactorMissing) redirect(SECOND_FACTOR_SETUP_PATH);
  return user;
}

/** Where a person who must set up a second factor is sent, whatever page they asked for. */
export const SECOND_FACTOR_SETUP_PATH = '/second-factor';

/** For the second factor's setup page only: any current session, even one that still needs the setup. */
export async function requireSignedIn(): Promise<{ user: StaffUser; secondFactorMissing: boolean }> {
  const verdict = await getSessionVerdict();
  if (verdict && 'user' in verdict) return verdict;
  redirect(verdict ? `/login?ended=${verdict.ended}` : '/login');
}

/** For pages and reads: renders the 403 page when the staff member's role does not allow it. */
export async function requirePermission(permission: Permission): Promise<StaffUser> {
  const user = await requireUser();
  if (!can(user.role, permission)) forbidden();
  return user;
}

export type Refusal = { ok: false; status: 401 | 403; error: string };

/**
 * For server actions and route handlers, which are public POST/GET endpoints: the refusal is
 * returned as a value so the caller can answer with it (a toast, or a 401/403 response).
 */
export async function authorize(permission: Permission): Promise<{ ok: true; user: StaffUser } | Refusal> {
  const signedIn = await authorizeSignedIn();
  if (!signedIn.ok) return signedIn;
  const { user, secondFactorMissing } = signedIn;
  if (secondFactorMissing) {
    return { ok: false, status: 403, error: 'Your account must have a second factor first. Set up an authenticator app, then try again.' };
  }
  if (!can(user.role, permission)) {
    return { ok: false, status: 403, error: 'Your role does not allow this. Ask an admin if you need access.' };
  }
  return { ok: true, user };
}

/** For the actions of a person's own account (the second factor's setup): any current session. */
export async function authorizeSignedIn(): Promise<{ ok: true; user: StaffUser; secondFactorMissing: boolean } | Refusal> {
  const verdict = await getSessionVerdict();
  if (!verdict || !('user' in verdict)) return { ok: false, status: 401, error: 'Your session has ended. Sign in again to continue.' };
  return { ok: true, ...verdict };
}

/** Why the request's session is over, when it carried one that was signed in; null otherwise. */
export async function endOfSession(): Promise<SessionEnd | null> {
  const verdict = await getSessionVerdict();
  return verdict && 'ended' in verdict ? verdict.ended : null;
}

/** The JSON answer a route handler gives for a refusal. */
export function refusalResponse(refusal: Refusal): Response {
  return Response.json({ error: refusal.error }, { status: refusal.status });
}
