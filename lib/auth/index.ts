import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authConfig } from '@/lib/auth/config';
import { checkLoginThrottle, recordLoginAttempt } from '@/lib/auth/login-attempts';
import { verifyPasswordOrDummy } from '@/lib/auth/password';
import { clientAddress } from '@/lib/auth/throttle';
import { db } from '@/lib/db';
import { signInSchema } from '@/lib/validations/auth';

/** Thrown when too many recent failures; `code` travels to the sign-in form. */
export class TooManyAttempts extends CredentialsSignin {
  constructor(retryAfterMinutes: number) {
    super();
    this.code = `throttled:${retryAfterMinutes}`;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig(),
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const address = clientAddress(request.headers);

        const verdict = await checkLoginThrottle(email, address);
        if (!verdict.allowed) throw new TooManyAttempts(verdict.retryAfterMinutes);

        const user = await db.user.findUnique({
          where: { email },
          select: { id: true, email: true, name: true, role: true, disabled: true, passwordHash: true },
        });
        const passwordMatches = await verifyPasswordOrDummy(password, user?.passwordHash);
        const succeeded = passwordMatches && user !== null && !user.disabled;
        await recordLoginAttempt(email, address, succeeded);
        if (!succeeded || !user) return null;

        await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
  ],
}));
