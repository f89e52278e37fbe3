'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { z } from 'zod';
import type { ActionFailure } from '@/lib/actions/result';
import { signIn, signOut } from '@/lib/auth';
import { describeWait } from '@/lib/auth/throttle';
import { safeCallbackPath, signInSchema } from '@/lib/validations/auth';
import { asFormData } from '@/lib/validations/form-data';

/** A sign-in that succeeded redirects; what comes back is why it did not (with the email kept), or null before one. */
export type SignInState = ActionFailure<'email' | 'password', { email?: string }> | null;

function throttledMessage(code: string): string | undefined {
  const seconds = /^throttled:(\d+)$/.exec(code)?.[1];
  if (!seconds) return undefined;
  return `Too many failed sign-ins for this account or from this network. Wait ${describeWait(Number(seconds))}, then try again: each failure makes the wait longer.`;
}

export async function signInWithPassword(_previous: SignInState, form: unknown): Promise<SignInState> {
  const formData = asFormData(form);
  const parsed = signInSchema.safeParse({ email: formData.get('email'), password: formData.get('password') });
  const email = String(formData.get('email') ?? '');
  if (!parsed.success) {
    return { ok: false, error: 'Enter your email and password.', fieldErrors: z.flattenError(parsed.error).fieldErrors, email };
  }
  try {
    await signIn('credentials', { ...parsed.data, redirectTo: safeCallbackPath(formData.get('callbackUrl')) });
    return null;
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      return { ok: false, error: throttledMessage(error.code) ?? 'Email or password is incorrect.', email };
    }
    if (error instanceof AuthError) {
      return { ok: false, error: 'Sign-in is unavailable right now. Try again in a moment.', email };
    }
    throw error; // the redirect that follows a successful sign-in
  }
}

/** Signs out; Auth.js's signOut event (lib/auth/index.ts) ends the session on the server. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/login' });
}
