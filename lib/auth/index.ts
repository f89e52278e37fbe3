import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authConfig } from '@/lib/auth/config';
import { beginLoginAttempt, finishLoginAttempt } from '@/lib/auth/login-attempts';
import { verifyPasswordOrDummy } from '@/lib/auth/password';
import { revokeSession } from '@/lib/auth/sessions';
import { db } from '@/lib/db';
import { requestClientAddress } from '@/lib/server/request-address';
import { signInSchema } from '@/lib/validations/auth';

/** Thrown when an attempt must wait; `code` (the seconds) travels to the sign-in form. */
export class TooManyAttempts extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `throttled:${retryAfterSeconds}`;
  }
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
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const address = requestClientAddress(request.headers);

        const attempt = await beginLoginAttempt(email, address);
        if (!attempt.allowed) throw new TooManyAttempts(attempt.retryAfterSeconds);

        const user = await db.user.findUnique({
          where: { email },
          select: { id: true, email: true, name: true, role: true, disabled: true, passwordHash: true },
        });
        const passwordMatches = await verifyPasswordOrDummy(password, user?.passwordHash);
        const succeeded = passwordMatches && user !== null && !user.disabled;
        await finishLoginAttempt(attempt.attemptId, succeeded);
        if (!succeeded || !user) return null;

        await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
  ],
}));
