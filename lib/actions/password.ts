'use server';

import { AuthError } from 'next-auth';
import { z } from 'zod';
import { failed, type ActionResult } from '@/lib/actions/result';
import { signIn } from '@/lib/auth';
import { setPasswordWithToken, StaffRuleError } from '@/lib/staff/manage';
import { asFormData } from '@/lib/validations/form-data';
import { setPasswordSchema } from '@/lib/validations/staff';

/** Null before the form is first sent. */
export type SetPasswordState = ActionResult<{ email: string }, 'password' | 'confirm'> | null;

/**
 * Public on purpose: the person has no session yet. The link's token is the authorisation: 32
 * random bytes, stored hashed, single use, expiring, and refused for disabled accounts. Once the
 * password is set the person is signed in with it (through the same check as the sign-in page),
 * and lands on the Overview; if that sign-in is refused (throttled), they are asked to sign in.
 */
export async function setPasswordAction(_previous: SetPasswordState, form: unknown): Promise<SetPasswordState> {
  const formData = asFormData(form);
  const parsed = setPasswordSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    if (fieldErrors.token) return failed('This link is incomplete. Open it again from the message you received.');
    return failed('Check the highlighted fields.', { fieldErrors });
  }
  let email: string;
  try {
    ({ email } = await setPasswordWithToken(parsed.data.token, parsed.data.password));
  } catch (error) {
    if (error instanceof StaffRuleError) return failed(error.message);
    throw error;
  }
  const setButNotSignedIn = { ok: true as const, message: `Your password is set. Sign in as ${email}.`, email };
  try {
    await signIn('credentials', { email, password: parsed.data.password, redirectTo: '/' });
  } catch (error) {
    if (error instanceof AuthError) return setButNotSignedIn;
    throw error; // the redirect that follows a successful sign-in
  }
  return setButNotSignedIn;
}
