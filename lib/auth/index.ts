import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { challengeKey, issueChallenge, openChallenge } from '@/lib/auth/challenge';
import { authConfig } from '@/lib/auth/config';
import { abandonLoginAttempt, beginLoginAttempt, finishLoginAttempt } from '@/lib/auth/login-attempts';
import { relyingPartyOf, verifyPasskeySignIn } from '@/lib/auth/passkeys';
import { verifyPasswordOrDummy } from '@/lib/auth/password';
import { verifySecondFactor } from '@/lib/auth/second-factor';
import { resolveAuthSecret } from '@/lib/auth/secret';
import { revokeSession } from '@/lib/auth/sessions';
import { passwordSignInAllowed, readSignInPolicy } from '@/lib/auth/sso';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import type { Role } from '@/lib/roles';
import { requestClientAddress } from '@/lib/server/request-address';
import { passkeyStepSchema, secondStepSchema, signInSchema } from '@/lib/validations/auth';

const secondStepChallenge = secondStepSchema.shape.challenge;

/** Thrown when an attempt must wait; `code` (the seconds) travels to the sign-in form. */
export class TooManyAttempts extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `throttled:${retryAfterSeconds}`;
  }
}

/** Which second factors an account can answer the code step with. */
export type SecondFactorMethods = 'app' | 'passkey' | 'app+passkey';

/**
 * The password was right and the account has a second factor: `code` carries the factors it has
 * and the challenge for the code step (`second_factor:<methods>:<challenge>`).
 */
export class SecondFactorNeeded extends CredentialsSignin {
  constructor(methods: SecondFactorMethods, challenge: string) {
    super();
    this.code = `second_factor:${methods}:${challenge}`;
  }
}

/** The code step came too late (or with a challenge that is not ours): start again from the password. */
export class ChallengeExpired extends CredentialsSignin {
  override code = 'challenge_expired';
}

/** Password sign-in is off (Settings → Sign-in → SSO only) for everyone but the break-glass admin. */
export class PasswordSignInOff extends CredentialsSignin {
  override code = 'sso_only';
}

const signInChallengeKey = () => challengeKey(resolveAuthSecret(getSettings()));

/** Whose password the code step's challenge says was accepted, while it is valid. */
export function openSignInChallenge(challenge: string): string | null {
  return openChallenge(challenge, signInChallengeKey());
}

const ACCOUNT_FIELDS = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  passwordHash: true,
  totpEnabledAt: true,
  _count: { select: { passkeys: true } },
} as const;

function secondFactorMethods(user: { totpEnabledAt: Date | null; _count: { passkeys: number } }): SecondFactorMethods | null {
  const passkey = user._count.passkeys > 0;
  if (user.totpEnabledAt) return passkey ? 'app+passkey' : 'app';
  return passkey ? 'passkey' : null;
}

/** The code step's answer: a code typed (app or recovery code), or a passkey's signed answer. */
async function secondFactorAnswered(userId: string, credentials: Partial<Record<string, unknown>>, headers: Headers): Promise<boolean> {
  const passkey = passkeyStepSchema.safeParse(credentials);
  if (passkey.success) {
    const party = relyingPartyOf(headers);
    return (
      party !== null && (await verifyPasskeySignIn(userId, { challengeId: passkey.data.passkeyChallengeId, response: passkey.data.passkeyResponse }, party))
    );
  }
  const typed = secondStepSchema.safeParse(credentials);
  return typed.success && (await verifySecondFactor(userId, typed.data.code)) !== null;
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig(),
  events: {
    // However the sign-out comes (the console's button, or Auth.js's own POST /api/auth/signout),
    // the session ends on the server too: clearing the cookie alone would leave the JWT valid.
    async signOut(message) {
      const token = 'token' in message ? message.token : null;
      if (token?.sid && token.id && token.signedInAt) await revokeSession(token.sid, token.id, token.signedInAt);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, challenge: {}, code: {}, passkeyChallengeId: {}, passkeyResponse: {} },
      async authorize(credentials, request) {
        const address = requestClientAddress(request.headers);
        const secondStep = credentials.challenge ? secondStepChallenge.safeParse(credentials.challenge) : null;
        if (secondStep?.success) {
          // The code step: the challenge says whose password was accepted a moment ago.
          const userId = openSignInChallenge(secondStep.data);
          const user = userId ? await db.user.findUnique({ where: { id: userId }, select: ACCOUNT_FIELDS }) : null;
          if (!user) throw new ChallengeExpired();
          if (!passwordSignInAllowed(await readSignInPolicy(), user.id)) throw new PasswordSignInOff();
          // Wrong codes count as failed sign-ins of the account: the same growing waits as passwords.
          const attempt = await beginLoginAttempt(user.email, address);
          if (!attempt.allowed) throw new TooManyAttempts(attempt.retryAfterSeconds);
          const succeeded = !user.disabled && (await secondFactorAnswered(user.id, credentials, request.headers));
          await finishLoginAttempt(attempt.attemptId, succeeded);
          return succeeded ? signedIn(user) : null;
        }

        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const policy = await readSignInPolicy();
        if (policy.ssoOnly) {
          // Refused before the password is even checked: it says nothing about the password.
          const account = await db.user.findUnique({ where: { email }, select: { id: true } });
          if (!account || !passwordSignInAllowed(policy, account.id)) throw new PasswordSignInOff();
        }

        const attempt = await beginLoginAttempt(email, address);
        if (!attempt.allowed) throw new TooManyAttempts(attempt.retryAfterSeconds);

        const user = await db.user.findUnique({ where: { email }, select: ACCOUNT_FIELDS });
        const passwordMatches = await verifyPasswordOrDummy(password, user?.passwordHash);
        const succeeded = passwordMatches && user !== null && !user.disabled;
        const methods = succeeded ? secondFactorMethods(user) : null;
        if (methods && user) {
          // Half a sign-in: neither a failure (the owner is not slowed down) nor a success (which
          // would clear the account's failures before the code is even typed).
          await abandonLoginAttempt(attempt.attemptId);
          throw new SecondFactorNeeded(methods, issueChallenge(user.id, signInChallengeKey()));
        }
        await finishLoginAttempt(attempt.attemptId, succeeded);
        if (!succeeded || !user) return null;
        return signedIn(user);
      },
    }),
  ],
}));

async function signedIn(user: { id: string; email: string; name: string; role: Role }) {
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
