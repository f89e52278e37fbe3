'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { z } from 'zod';
import { auth, signIn, signOut } from '@/lib/auth';
import { revokeSession } from '@/lib/auth/sessions';
import { THROTTLE_WINDOW_MINUTES } from '@/lib/auth/throttle';
import { safeCallbackPath, signInSchema } from '@/lib/validations/auth';

export interface SignInState {
  error?: string;
  fieldErrors?: Partial<Record<'email' | 'password', string[]>>;
  email?: string;
}

function throttledMessage(code: string): string | undefined {
  const minutes = /^throttled:(\d+)$/.exec(code)?.[1];
  if (!minutes) return undefined;
  return `Too many failed sign-ins. Wait about ${minutes} minute${minutes === '1' ? '' : 's'} and try again (attempts are limited over ${THROTTLE_WINDOW_MINUTES} minutes).`;
}

export async function signInWithPassword(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({ email: formData.get('email'), password: formData.get('password') });
  const email = String(formData.get('email') ?? '');
  if (!parsed.success) {
    return { fieldErrors: z.flattenError(parsed.error).fieldErrors, email };
  }
  try {
    await signIn('credentials', { ...parsed.data, redirectTo: safeCallbackPath(formData.get('callbackUrl')) });
    return {};
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      return { error: throttledMessage(error.code) ?? 'Email or password is incorrect.', email };
    }
    if (error instanceof AuthError) {
      return { error: 'Sign-in is unavailable right now. Try again in a moment.', email };
    }
    throw error; // the redirect that follows a successful sign-in
  }
}

export async function signOutAction(): Promise<void> {
  const session = await auth();
  if (session?.sessionId && session.user?.id && session.signedInAt) {
    await revokeSession(session.sessionId, session.user.id, session.signedInAt);
  }
  await signOut({ redirectTo: '/login' });
}
