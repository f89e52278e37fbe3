import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { challengeKey, issueChallenge, openChallenge } from '@/lib/auth/challenge';
import { authConfig } from '@/lib/auth/config';
import { abandonLoginAttempt, beginLoginAttempt, finishLoginAttempt } from '@/lib/auth/login-attempts';
import { verifyPasswordOrDummy } from '@/lib/auth/password';
import { verifySecondFactor } from '@/lib/auth/second-factor';
import { resolveAuthSecret } from '@/lib/auth/secret';
import { revokeSession } from '@/lib/auth/sessions';
import { passwordSignInAllowed, readSignInPolicy } from '@/lib/auth/sso';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import type { Role } from '@/lib/roles';
import { requestClientAddress } from '@/lib/server/request-address';
import { secondStepSchema, signInSchema } from '@/lib/validations/auth';

/** Thrown when an attempt must wait; `code` (the seconds) travels to the sign-in form. */
export class TooManyAttempts extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `throttled:${retryAfterSeconds}`;
  }
}

/** The password was right and the account has a second factor: `code` carries the challenge for the code step. */
export class SecondFactorNeeded extends CredentialsSignin {
  constructor(challenge: string) {
    super();
    this.code = `second_factor:${challenge}`;
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

const ACCOUNT_FIELDS = { id: true, email: true, name: true, role: true, disabled: true, passwordHash: true, totpEnabledAt: true } as const;

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
      credentials: { email: {}, password: {}, challenge: {}, code: {} },
      async authorize(credentials, request) {
        const address = requestClientAddress(request.headers);
        const secondStep = secondStepSchema.safeParse(credentials);
        if (secondStep.success) {
          // The code step: the challenge says whose password was accepted a moment ago.
          const userId = openChallenge(secondStep.data.challenge, signInChallengeKey());
          const user = userId ? await db.user.findUnique({ where: { id: userId }, select: ACCOUNT_FIELDS }) : null;
          if (!user) throw new ChallengeExpired();
          if (!passwordSignInAllowed(await readSignInPolicy(), user.id)) throw new PasswordSignInOff();
          // Wrong codes count as failed sign-ins of the account: the same growing waits as passwords.
          const attempt = await beginLoginAttempt(user.email, address);
          if (!attempt.allowed) throw new TooManyAttempts(attempt.retryAfterSeconds);
          const succeeded = !user.disabled && (await verifySecondFactor(user.id, secondStep.data.code)) !== null;
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
        if (succeeded && user.totpEnabledAt) {
          // Half a sign-in: neither a failure (the owner is not slowed down) nor a success (which
          // would clear the account's failures before the code is even typed).
          await abandonLoginAttempt(attempt.attemptId);
          throw new SecondFactorNeeded(issueChallenge(user.id, signInChallengeKey()));
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
