'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { failed, type ActionResult } from '@/lib/actions/result';
import { authorize } from '@/lib/auth/guards';
import { saveSsoSettings, SsoSettingsError, turnOffSso } from '@/lib/auth/sso-settings';
import { asFormData } from '@/lib/validations/form-data';
import { ssoSettingsSchema, type SsoSettingsInput } from '@/lib/validations/sso';

// Settings → Single sign-on (admins): the company's OpenID Connect provider.

export type SsoSettingsState = ActionResult<object, keyof SsoSettingsInput> | null;

export async function saveSsoSettingsAction(_previous: SsoSettingsState, form: unknown): Promise<SsoSettingsState> {
  const access = await authorize('manageSettings');
  if (!access.ok) return failed(access.error);
  const parsed = ssoSettingsSchema.safeParse(Object.fromEntries(asFormData(form)));
  if (!parsed.success) return failed('Check the highlighted fields.', { fieldErrors: z.flattenError(parsed.error).fieldErrors });
  try {
    await saveSsoSettings(access.user.id, parsed.data);
  } catch (error) {
    if (error instanceof SsoSettingsError) return failed(error.message);
    throw error;
  }
  revalidatePath('/settings/single-sign-on');
  const only = parsed.data.ssoOnly ? ' Password sign-in is off for everyone but the break-glass admin.' : '';
  return { ok: true, message: `Single sign-on saved: the sign-in page offers “Sign in with ${parsed.data.name}”.${only}` };
}

export async function turnOffSsoAction(): Promise<ActionResult> {
  const access = await authorize('manageSettings');
  if (!access.ok) return failed(access.error);
  if (!(await turnOffSso(access.user.id))) return failed('Single sign-on was already off: reload the page.');
  revalidatePath('/settings/single-sign-on');
  return { ok: true, message: 'Single sign-on is off: everyone signs in with a password again.' };
}
