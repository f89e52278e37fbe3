import { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import { resolveAuthSecret } from '@/lib/auth/secret';
import { SESSION_MAX_AGE_SECONDS, signInTime } from '@/lib/auth/session-time';
import { getSettings } from '@/lib/env';
import { logger } from '@/lib/observability/log';
import { isRole } from '@/lib/roles';

// The part of the Auth.js configuration that the proxy also loads: no providers, no database.
export function authConfig(): NextAuthConfig {
  return {
    secret: resolveAuthSecret(getSettings()),
    // The console runs behind whatever host name staff use; Auth.js must not insist on AUTH_URL.
    trustHost: true,
    pages: { signIn: '/login' },
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    providers: [],
    callbacks: {
      jwt({ token, user }) {
        // `user` is present only at sign-in: the session's identity is fixed then and kept
        // through every later refresh of the cookie.
        if (user?.id && isRole(user.role)) {
          token.id = user.id;
          token.role = user.role;
          token.sid = crypto.randomUUID();
          token.signedInAt = signInTime();
          token.method = user.signInMethod ?? 'password';
        }
        return token;
      },
      session({ session, token }) {
        if (token.id && isRole(token.role) && token.sid && token.signedInAt) {
          session.user.id = token.id;
          session.user.role = token.role;
          session.sessionId = token.sid;
          session.signedInAt = token.signedInAt;
          // Sessions from before the method was recorded were all password sign-ins.
          session.signInMethod = token.method ?? 'password';
        }
        return session;
      },
    },
    logger: {
      // A wrong password is expected, not a server error; it is recorded in LoginAttempt instead.
      error(error) {
        if (error instanceof CredentialsSignin) return;
        // Auth.js wraps what went wrong (a provider's bad answer, a failed check) as the cause; only its
        // name and message are logged: the rest may hold tokens.
        const underlying = (error.cause as { err?: unknown } | undefined)?.err;
        const cause = underlying instanceof Error ? { name: underlying.name, message: underlying.message } : undefined;
        logger('auth').error({ err: error, cause }, 'sign-in error');
      },
    },
  };
}
