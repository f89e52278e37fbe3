'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { redirect, unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import type { ActionFailure } from '@/lib/actions/result';
import { signIn, signOut, type SecondFactorMethods } from '@/lib/auth';
import { readSsoConnection, SSO_PROVIDER_ID } from '@/lib/auth/sso';
import { signInWithSso } from '@/lib/auth/sso-auth';
import { describeWait } from '@/lib/auth/throttle';
import { logger } from '@/lib/observability/log';
import { passkeyStepSchema, safeCallbackPath, secondStepSchema, signInSchema } from '@/lib/validations/auth';
import { asFormData } from '@/lib/validations/form-data';

/**
 * A sign-in that succeeded redirects; what comes back is why it did not (with the email kept), or
 * the code step's challenge once the password was right for an account with a second factor.
 * Null before the form is first sent.
 */
export type SignInState = ActionFailure<
  'email' | 'password' | 'code',
  {
    email?: string;
    challenge?: string;
    /** The second factors the account has: a code field, a passkey button, or both. */
    methods?: SecondFactorMethods;
    /** The code step has just begun: its prompt, not an error. */
    prompt?: true;
  }
> | null;

function throttledMessage(code: string): string | undefined {
  const seconds = /^throttled:(\d+)$/.exec(code)?.[1];
  if (!seconds) return undefined;
  return `Too many failed sign-ins for this account or from this network. Wait ${describeWait(Number(seconds))}, then try again: each failure makes the wait longer.`;
}

const PASSWORD_SIGN_IN_OFF =
  'Password sign-in is turned off for this console: use the single sign-on button above. Only the break-glass admin can sign in with a password.';

function asMethods(value: unknown): SecondFactorMethods {
  return value === 'passkey' || value === 'app+passkey' ? value : 'app';
}

const CODE_STEP_PROMPT = 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.';

export async function signInWithPassword(_previous: SignInState, form: unknown): Promise<SignInState> {
  const formData = asFormData(form);
  const email = String(formData.get('email') ?? '').slice(0, 320);
  const redirectTo = safeCallbackPath(formData.get('callbackUrl'));
  const codeStep = formData.has('challenge');
  const byPasskey = formData.has('passkeyResponse');
  const fields = Object.fromEntries(formData);
  const parsed = !codeStep ? signInSchema.safeParse(fields) : byPasskey ? passkeyStepSchema.safeParse(fields) : secondStepSchema.safeParse(fields);
  const challenge = codeStep ? String(formData.get('challenge')).slice(0, 500) : undefined;
  const methods = codeStep ? asMethods(formData.get('methods')) : undefined;
  if (!parsed.success) {
    const error = codeStep ? CODE_STEP_PROMPT : 'Enter your email and password.';
    return { ok: false, error, fieldErrors: z.flattenError(parsed.error as z.ZodError<Record<string, unknown>>).fieldErrors, email, challenge, methods };
  }
  try {
    const credentials = byPasskey
      ? { challenge, passkeyChallengeId: String(formData.get('passkeyChallengeId')), passkeyResponse: String(formData.get('passkeyResponse')) }
      : parsed.data;
    await signIn('credentials', { ...credentials, redirectTo });
    return null;
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const next = /^second_factor:(app|passkey|app\+passkey):(.+)$/.exec(error.code);
      if (next) return { ok: false, error: CODE_STEP_PROMPT, email, methods: next[1] as SecondFactorMethods, challenge: next[2], prompt: true };
      if (error.code === 'challenge_expired') {
        return { ok: false, error: 'The sign-in took too long (more than 5 minutes). Enter your password again.', email };
      }
      if (error.code === 'sso_only') return { ok: false, error: PASSWORD_SIGN_IN_OFF, email };
      const throttled = throttledMessage(error.code);
      if (byPasskey)
        return { ok: false, error: throttled ?? 'The passkey was not accepted. Try again, or use another of your passkeys.', email, challenge, methods };
      if (codeStep)
        return {
          ok: false,
          error: throttled ?? 'That code is not right. Type the 6 digits your app shows now, or an unused recovery code.',
          email,
          challenge,
          methods,
        };
      return { ok: false, error: throttled ?? 'Email or password is incorrect.', email };
    }
    if (error instanceof AuthError) {
      return { ok: false, error: 'Sign-in is unavailable right now. Try again in a moment.', email };
    }
    throw error; // the redirect that follows a successful sign-in
  }
}

/**
 * "Sign in with <provider>": Auth.js sets the state, nonce and PKCE cookies and sends the browser to
 * the company's provider, which comes back to /api/auth/callback/sso. Anyone may start it: it is
 * the way in. Whatever goes wrong comes back to the sign-in page with a reason it explains.
 */
export async function startSsoSignIn(form: unknown): Promise<void> {
  const redirectTo = safeCallbackPath(asFormData(form).get('callbackUrl'));
  if (!(await readSsoConnection())) redirect('/login?sso=off');
  try {
    await signInWithSso(SSO_PROVIDER_ID, { redirectTo });
  } catch (error) {
    unstable_rethrow(error); // the redirect to the provider
    logger('auth').warn({ err: error }, 'single sign-on could not start');
    redirect('/login?sso=unreachable');
  }
}

/** Signs out; Auth.js's signOut event (lib/auth/index.ts) ends the session on the server. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/login' });
}
