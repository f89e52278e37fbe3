import type { DefaultSession } from 'next-auth';
import type { Role } from '@/lib/roles';

declare module 'next-auth' {
  interface User {
    role?: Role;
  }
  interface Session {
    user: { id: string; role: Role } & DefaultSession['user'];
    /** Identifies this sign-in, so that signing out can revoke it on the server. */
    sessionId?: string;
    /** Unix seconds of the sign-in, milliseconds as the fraction (lib/auth/session-time.ts). */
    signedInAt?: number;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    id?: string;
    role?: Role;
    sid?: string;
    signedInAt?: number;
  }
}
