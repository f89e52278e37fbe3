'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import QRCode from 'qrcode';
import { z } from 'zod';
import { failed, type ActionResult } from '@/lib/actions/result';
import { authorize, authorizeSignedIn, type StaffUser } from '@/lib/auth/guards';
import { beginTotpSetup, confirmTotpSetup, readSecondFactorRule, renewRecoveryCodes, SecondFactorError, turnOffSecondFactor } from '@/lib/auth/second-factor';
import { secondFactorRequired } from '@/lib/auth/second-factor-rule';
import { groupSecret, otpauthUri } from '@/lib/auth/totp';
import { requestClientAddress } from '@/lib/server/request-address';
import { StaffRuleError } from '@/lib/staff/manage';
import { changeOwnPassword, signOutEverywhere } from '@/lib/staff/own-account';
import { asFormData } from '@/lib/validations/form-data';
import { changePasswordSchema, factorCodeSchema } from '@/lib/validations/staff';

// My account: each person's own password, second factor and sessions. Every action acts on the
// signed-in person only; none takes an account id from the browser.

const ISSUER = 'Contact Card Console';

export type TotpSetupResult = ActionResult<{ secret: string; qrCode: string }>;

/** A new authenticator secret, as a QR code (an SVG data address) and as text to type. */
export async function startTotpSetup(): Promise<TotpSetupResult> {
  const access = await authorizeSignedIn();
  if (!access.ok) return failed(access.error);
  try {
    const secret = await beginTotpSetup(access.user.id);
    const svg = await QRCode.toString(otpauthUri(secret, access.user.email, ISSUER), { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return {
      ok: true,
      message: 'Scan the QR code with your authenticator app.',
      secret: groupSecret(secret),
      qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    };
  } catch (error) {
    if (error instanceof SecondFactorError) return failed(error.message);
    throw error;
  }
}

/** Null before the form is first sent. */
export type RecoveryCodesState = ActionResult<{ codes: string[] }, 'code'> | null;

async function withCode(form: unknown, act: (user: StaffUser, code: string) => Promise<RecoveryCodesState>, signedInOnly = false): Promise<RecoveryCodesState> {
  const access = signedInOnly ? await authorizeSignedIn() : await authorize('view');
  if (!access.ok) return failed(access.error);
  const code = factorCodeSchema.safeParse(asFormData(form).get('code'));
  if (!code.success) return failed('Enter the code.', { fieldErrors: { code: code.error.issues.map((issue) => issue.message) } });
  try {
    return await act(access.user, code.data);
  } catch (error) {
    if (error instanceof SecondFactorError) return failed(error.message, { fieldErrors: { code: [error.message] } });
    throw error;
  }
}

export async function confirmTotp(_previous: RecoveryCodesState, form: unknown): Promise<RecoveryCodesState> {
  return withCode(
    form,
    async (user, code) => ({
      ok: true,
      message: 'Your authenticator app is on. Keep these recovery codes somewhere safe: each works once, and they are shown only now.',
      codes: await confirmTotpSetup(user.id, code),
    }),
    true,
  );
}

/** My account → the second factor, once on: new recovery codes, or turning it off (the button pressed says which). */
export async function changeSecondFactor(_previous: RecoveryCodesState, form: unknown): Promise<RecoveryCodesState> {
  const intent = asFormData(form).get('intent');
  return withCode(form, async (user, code) => {
    if (intent === 'turn-off') {
      await turnOffSecondFactor(user.id, code, secondFactorRequired(await readSecondFactorRule(), user.role));
      revalidatePath('/account');
      return { ok: true, message: 'Your authenticator app is off: signing in asks only for your password.', codes: [] };
    }
    return {
      ok: true,
      message: 'New recovery codes: the old ones no longer work. Keep these somewhere safe; they are shown only now.',
      codes: await renewRecoveryCodes(user.id, code),
    };
  });
}

/** Null before the form is first sent. A success signs the person out (see changeOwnPassword). */
export type ChangePasswordState = ActionResult<object, 'current' | 'password' | 'confirm'> | null;

export async function changePasswordAction(_previous: ChangePasswordState, form: unknown): Promise<ChangePasswordState> {
  const access = await authorize('view');
  if (!access.ok) return failed(access.error);
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(asFormData(form)));
  if (!parsed.success) return failed('Check the highlighted fields.', { fieldErrors: z.flattenError(parsed.error).fieldErrors });
  try {
    await changeOwnPassword(access.user.id, parsed.data.current, parsed.data.password, requestClientAddress(await headers()));
  } catch (error) {
    if (error instanceof StaffRuleError) return failed(error.message, { fieldErrors: { current: [error.message] } });
    throw error;
  }
  redirect('/login?ended=password_changed');
}

export async function signOutEverywhereAction(): Promise<void> {
  const access = await authorizeSignedIn();
  if (!access.ok) redirect('/login');
  await signOutEverywhere(access.user.id);
  redirect('/login?ended=signed_out_everywhere');
}
