'use server';

import { z } from 'zod';
import { setPasswordWithToken, StaffRuleError } from '@/lib/staff/manage';
import { setPasswordSchema } from '@/lib/validations/staff';
import { asFormData } from '@/lib/validations/form-data';

export type SetPasswordState =
  | { ok: true; email: string }
  | { ok: false; error?: string; fieldErrors?: Partial<Record<'password' | 'confirm', string[]>> }
  | undefined;

/**
 * Public on purpose: the person has no session yet. The link's token is the authorisation: 32
 * random bytes, stored hashed, single use, expiring, and refused for disabled accounts.
 */
export async function setPasswordAction(_previous: SetPasswordState, form: unknown): Promise<SetPasswordState> {
  const formData = asFormData(form);
  const parsed = setPasswordSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    if (fieldErrors.token) return { ok: false, error: 'This link is incomplete. Open it again from the message you received.' };
    return { ok: false, fieldErrors };
  }
  try {
    return { ok: true, ...(await setPasswordWithToken(parsed.data.token, parsed.data.password)) };
  } catch (error) {
    if (error instanceof StaffRuleError) return { ok: false, error: error.message };
    throw error;
  }
}
