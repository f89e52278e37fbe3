import type { DefaultSession } from 'next-auth';
import type { Role } from '@/lib/roles';

/** How a session was signed in: with a password (and maybe a code), or through single sign-on. */
type SignInMethod = 'password' | 'sso';

declare module 'next-auth' {
  interface User {
    role?: Role;
    signInMethod?: SignInMethod;
  }
  interface Session {
    user: { id: string; role: Role } & DefaultSession['user'];
    /** Identifies this sign-in, so that signing out can revoke it on the server. */
    sessionId?: string;
    /** Unix seconds of the sign-in, milliseconds as the fraction (lib/auth/session-time.ts). */
    signedInAt?: number;
    signInMethod?: SignInMethod;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    id?: string;
    role?: Role;
    sid?: string;
    signedInAt?: number;
    method?: SignInMethod;
  }
}
