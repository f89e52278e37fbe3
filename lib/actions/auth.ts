'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { z } from 'zod';
import { signIn, signOut } from '@/lib/auth';
import { describeWait } from '@/lib/auth/throttle';
import { safeCallbackPath, signInSchema } from '@/lib/validations/auth';
import { asFormData } from '@/lib/validations/form-data';

export interface SignInState {
  error?: string;
  fieldErrors?: Partial<Record<'email' | 'password', string[]>>;
  email?: string;
}

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

/** Signs out; Auth.js's signOut event (lib/auth/index.ts) ends the session on the server. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/login' });
}
