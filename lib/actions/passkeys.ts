'use server';

import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { failed, type ActionResult } from '@/lib/actions/result';
import { openSignInChallenge } from '@/lib/auth';
import { authorize, authorizeSignedIn } from '@/lib/auth/guards';
import {
  beginPasskeyRegistration,
  beginPasskeySignIn,
  finishPasskeyRegistration,
  PasskeyError,
  relyingPartyOf,
  removePasskey,
  type RelyingParty,
} from '@/lib/auth/passkeys';
import { readSecondFactorRule } from '@/lib/auth/second-factor';
import { secondFactorRequired } from '@/lib/auth/second-factor-rule';
import { requestClientAddress } from '@/lib/server/request-address';
import { StaffRuleError } from '@/lib/staff/manage';
import { confirmOwnPassword } from '@/lib/staff/own-account';
import { asFormData } from '@/lib/validations/form-data';
import { hasControlCharacters } from '@/lib/validations/safe-text';

// Passkeys: added and removed on My account (or on the second factor's setup page), and offered at
// sign-in after the password. Each acts on the signed-in person only (or, at sign-in, on the person
// whose password the signed challenge says was just accepted).

const WRONG_PLACE = 'Passkeys work only on the console’s own address: open the console directly (not through another site) and try again.';

async function relyingParty(): Promise<RelyingParty | null> {
  return relyingPartyOf(await headers());
}

const passkeyName = z
  .string()
  .trim()
  .min(1, 'Name the passkey, e.g. “Work laptop”.')
  .max(60, 'The name is at most 60 characters.')
  .refine((value) => !hasControlCharacters(value), 'It has characters that cannot be used here.');

const addPasskeySchema = z.object({ name: passkeyName, current: z.string().min(1, 'Enter your current password.').max(200) });

export type AddPasskeyStart = ActionResult<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON; name: string }, 'name' | 'current'>;

/** "Add a passkey": the current password first, then the options the browser's authenticator needs. */
export async function startAddingPasskey(form: unknown): Promise<AddPasskeyStart> {
  const access = await authorizeSignedIn();
  if (!access.ok) return failed(access.error);
  const parsed = addPasskeySchema.safeParse(Object.fromEntries(asFormData(form)));
  if (!parsed.success) return failed('Check the highlighted fields.', { fieldErrors: z.flattenError(parsed.error).fieldErrors });
  const party = await relyingParty();
  if (!party) return failed(WRONG_PLACE);
  try {
    await confirmOwnPassword(access.user.id, parsed.data.current, requestClientAddress(await headers()));
  } catch (error) {
    if (error instanceof StaffRuleError) return failed(error.message, { fieldErrors: { current: [error.message] } });
    throw error;
  }
  const started = await beginPasskeyRegistration(access.user, party);
  return { ok: true, message: 'Follow your device’s prompt to make the passkey.', name: parsed.data.name, ...started };
}

const finishSchema = z.object({
  challengeId: z.uuid(),
  name: passkeyName,
  response: z.looseObject({ id: z.string().max(1_000), response: z.looseObject({}) }),
});

/** The authenticator made the passkey: it is checked against the challenge, then kept. */
export async function finishAddingPasskey(input: unknown): Promise<ActionResult> {
  const access = await authorizeSignedIn();
  if (!access.ok) return failed(access.error);
  const parsed = finishSchema.safeParse(input);
  if (!parsed.success) return failed('The passkey could not be read. Start again.');
  const party = await relyingParty();
  if (!party) return failed(WRONG_PLACE);
  try {
    const { challengeId, name, response } = parsed.data;
    await finishPasskeyRegistration(access.user.id, { challengeId, name, response: response as unknown as RegistrationResponseJSON }, party);
  } catch (error) {
    if (error instanceof PasskeyError) return failed(error.message);
    throw error;
  }
  revalidatePath('/account');
  return { ok: true, message: `Passkey “${parsed.data.name}” added: signing in with your password can now ask for it instead of a code.` };
}

const removeSchema = z.object({ passkeyId: z.string().min(1).max(1_000), current: z.string().min(1, 'Enter your current password.').max(200) });

export type RemovePasskeyState = ActionResult<object, 'current'> | null;

export async function removePasskeyAction(_previous: RemovePasskeyState, form: unknown): Promise<RemovePasskeyState> {
  const access = await authorize('view');
  if (!access.ok) return failed(access.error);
  const parsed = removeSchema.safeParse(Object.fromEntries(asFormData(form)));
  if (!parsed.success) return failed('Check the highlighted fields.', { fieldErrors: z.flattenError(parsed.error).fieldErrors });
  try {
    await confirmOwnPassword(access.user.id, parsed.data.current, requestClientAddress(await headers()));
    await removePasskey(access.user.id, parsed.data.passkeyId, secondFactorRequired(await readSecondFactorRule(), access.user.role));
  } catch (error) {
    if (error instanceof StaffRuleError) return failed(error.message, { fieldErrors: { current: [error.message] } });
    if (error instanceof PasskeyError) return failed(error.message);
    throw error;
  }
  revalidatePath('/account');
  return { ok: true, message: 'Passkey removed: it no longer signs you in.' };
}

export type PasskeySignInStart = ActionResult<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }>;

/**
 * The sign-in's code step → "Use a passkey". Public, as sign-in is: only a challenge the console
 * signed when the password was accepted (valid 5 minutes) opens it, and only for that person.
 */
export async function startPasskeySignIn(challenge: unknown): Promise<PasskeySignInStart> {
  const userId = typeof challenge === 'string' && challenge.length <= 500 ? openSignInChallenge(challenge) : null;
  if (!userId) return failed('The sign-in took too long (more than 5 minutes). Enter your password again.');
  const party = await relyingParty();
  if (!party) return failed(WRONG_PLACE);
  const started = await beginPasskeySignIn(userId, party);
  if (!started) return failed('Your account has no passkey any more. Type a code from your authenticator app instead.');
  return { ok: true, message: 'Follow your device’s prompt.', ...started };
}
