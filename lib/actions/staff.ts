'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { failed, type ActionResult } from '@/lib/actions/result';
import { authorize, type Refusal } from '@/lib/auth/guards';
import { resetSecondFactor, SecondFactorError } from '@/lib/auth/second-factor';
import { isAccountNumber } from '@/lib/lines/store';
import { describeScope } from '@/lib/number-scope';
import { emailInvitation, InvitationEmailError } from '@/lib/staff/invitations';
import { changeRole, createStaff, resetPassword, setDisabled, setNumbers, StaffRuleError } from '@/lib/staff/manage';
import { asFormData } from '@/lib/validations/form-data';
import { createStaffSchema, resetPasswordSchema, roleSchema, staffIdSchema, staffNumbersSchema, type CreateStaffField } from '@/lib/validations/staff';

/** Null before the form is first sent. */
export type StaffFormState = ActionResult<{ link?: string; linkFor?: string }, CreateStaffField> | null;

export type StaffChangeResult = ActionResult<{ link?: string }>;

/**
 * Emails a new set-password link when the admin asked for it. Emailed, the link is not shown;
 * otherwise it is, after `why` (empty when no email was asked for).
 */
async function sendLink(
  asked: boolean,
  person: { id: string; name: string; email: string },
  link: string,
  inviter: { id: string; name: string },
): Promise<{ emailed: true } | { emailed: false; why: string }> {
  if (!asked) return { emailed: false, why: '' };
  try {
    await emailInvitation(person, link, inviter);
    return { emailed: true };
  } catch (error) {
    if (error instanceof InvitationEmailError) return { emailed: false, why: `The email could not be sent: ${error.message} ` };
    throw error;
  }
}

const refused = (refusal: Refusal) => failed(refusal.error);
const CHECK_FIELDS = 'Check the highlighted fields.';

/** Runs a staff change, turning a rule the change breaks into a message. */
async function attempt(change: () => Promise<StaffChangeResult>): Promise<StaffChangeResult> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof StaffRuleError || error instanceof SecondFactorError) return failed(error.message);
    throw error;
  }
}

export async function createStaffMember(_previous: StaffFormState, form: unknown): Promise<StaffFormState> {
  const formData = asFormData(form);
  const access = await authorize('manageStaff');
  if (!access.ok) return refused(access);
  const parsed = createStaffSchema.safeParse({ passwordMode: 'password', ...Object.fromEntries(formData) });
  if (!parsed.success) return failed(CHECK_FIELDS, { fieldErrors: z.flattenError(parsed.error).fieldErrors });

  const input = parsed.data;
  let created: { id: string; link?: string };
  try {
    created = await createStaff(access.user, { ...input, password: input.passwordMode === 'password' ? input.password : undefined });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002')
      return failed(CHECK_FIELDS, { fieldErrors: { email: ['A staff member with this email already exists.'] } });
    throw error;
  }
  revalidatePath('/staff');
  const { link } = created;
  if (!link) return { ok: true, message: `${input.name} can now sign in as ${input.email}.` };
  const sent = await sendLink(formData.get('emailLink') === 'on', { id: created.id, name: input.name, email: input.email }, link, access.user);
  if (sent.emailed) return { ok: true, message: `${input.name} was added, and the link to set their password was emailed to ${input.email}.` };
  return {
    ok: true,
    message: `${input.name} was added. ${sent.why}Send them this link to set their password; it is shown only once.`,
    link,
    linkFor: `${input.name} (${input.email})`,
  };
}

export async function changeStaffRole(targetId: unknown, role: unknown): Promise<StaffChangeResult> {
  const access = await authorize('manageStaff');
  if (!access.ok) return refused(access);
  const parsed = z.tuple([staffIdSchema, roleSchema]).safeParse([targetId, role]);
  if (!parsed.success) return failed('Choose a staff member and a role.');
  const result = await attempt(async () => {
    await changeRole(access.user, parsed.data[0], parsed.data[1]);
    return { ok: true, message: 'Role changed. It applies from their next click.' };
  });
  revalidatePath('/staff');
  return result;
}

export async function setStaffDisabled(targetId: unknown, disabled: unknown): Promise<StaffChangeResult> {
  const access = await authorize('manageStaff');
  if (!access.ok) return refused(access);
  const parsed = z.tuple([staffIdSchema, z.boolean()]).safeParse([targetId, disabled]);
  if (!parsed.success) return failed('Choose a staff member.');
  const result = await attempt(async () => {
    await setDisabled(access.user, parsed.data[0], parsed.data[1]);
    return { ok: true, message: parsed.data[1] ? 'Account disabled: they are signed out and cannot sign in.' : 'Account enabled: they can sign in again.' };
  });
  revalidatePath('/staff');
  return result;
}

export async function resetStaffPassword(targetId: unknown, form: unknown): Promise<StaffChangeResult> {
  const formData = asFormData(form);
  const access = await authorize('manageStaff');
  if (!access.ok) return refused(access);
  const id = staffIdSchema.safeParse(targetId);
  const parsed = resetPasswordSchema.safeParse(Object.fromEntries(formData));
  if (!id.success || !parsed.success) {
    return failed(parsed.success ? 'Choose a staff member.' : (parsed.error.issues[0]?.message ?? 'Choose how to reset the password.'));
  }
  const result = await attempt(async () => {
    const { link, person } = await resetPassword(access.user, id.data, parsed.data.passwordMode === 'password' ? parsed.data.password : undefined);
    if (!link) return { ok: true, message: 'Password changed and their sessions ended. Share the new password with them privately.' };
    const sent = await sendLink(formData.get('emailLink') === 'on', person, link, access.user);
    if (sent.emailed) return { ok: true, message: `A new link was emailed to ${person.email}; the previous one no longer works.` };
    return { ok: true, message: `Their sessions are ended. ${sent.why}Send them this link to set a new password; it is shown only once.`, link };
  });
  revalidatePath('/staff');
  return result;
}

/** Staff → Reset second factor (a lost phone): the person signs in with their password alone, then sets up a new app if required. */
export async function resetStaffSecondFactor(targetId: unknown): Promise<StaffChangeResult> {
  const access = await authorize('manageStaff');
  if (!access.ok) return refused(access);
  const id = staffIdSchema.safeParse(targetId);
  if (!id.success) return failed('Choose a staff member.');
  const result = await attempt(async () => {
    await resetSecondFactor(access.user.id, id.data);
    return { ok: true, message: 'Second factor reset: their authenticator app and recovery codes no longer work. The change is recorded.' };
  });
  revalidatePath('/staff');
  return result;
}

/**
 * Limits an operator or a viewer to some of the account's numbers, or gives them every number. From
 * their next click they see and act on those numbers only; their work on other numbers stops.
 */
export async function setStaffNumbers(targetId: unknown, choice: unknown): Promise<StaffChangeResult> {
  const access = await authorize('manageStaff');
  if (!access.ok) return refused(access);
  const id = staffIdSchema.safeParse(targetId);
  if (!id.success) return failed('Choose a staff member.');
  const parsed = staffNumbersSchema.safeParse(choice);
  if (!parsed.success) return failed(parsed.error.issues[0]?.message ?? 'Choose their numbers again.');
  const numbers = parsed.data.every ? null : parsed.data.numbers;
  for (const number of numbers ?? []) {
    if (!(await isAccountNumber(number))) return failed(`${number} is not one of your Linq account’s numbers: refresh the page.`);
  }
  const result = await attempt(async () => {
    const { changed } = await setNumbers(access.user, id.data, numbers);
    if (!changed) return { ok: true, message: 'Nothing changed.' };
    return { ok: true, message: `From their next click they see and act on ${describeScope(numbers)}. The change is recorded.` };
  });
  revalidatePath('/staff');
  return result;
}
