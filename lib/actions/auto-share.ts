'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { failed, type ActionResult } from '@/lib/actions/result';
import { authorize } from '@/lib/auth/guards';
import { AutoShareError, saveAutoShareRule, setAutoSharePause, type AutoShareSettings } from '@/lib/auto/rules';
import { requeueWaitingAutoShares } from '@/lib/auto/upkeep';
import { covers, NOT_YOUR_NUMBER } from '@/lib/number-scope';
import { autoShareFormSchema, type AutoShareField } from '@/lib/validations/auto-share';
import { asFormData } from '@/lib/validations/form-data';

/** `saved`: what the form shows from now on, exactly as stored; `changed`: false when nothing was. */
export type AutoShareFormState = ActionResult<{ saved: AutoShareSettings; changed: boolean }, AutoShareField> | null;

/** Saves a number's automatic share; the change is audited and its shares are made in the saver's name. */
export async function saveAutoShareAction(_previous: AutoShareFormState, form: unknown): Promise<AutoShareFormState> {
  const formData = asFormData(form);
  const access = await authorize('automateShares');
  if (!access.ok) return failed(access.error);
  const parsed = autoShareFormSchema.safeParse({
    phoneNumber: formData.get('phoneNumber'),
    enabled: formData.get('enabled') === 'on',
    trigger: formData.get('trigger'),
    delayMinutes: formData.get('delayMinutes') ?? '',
    quietHours: formData.get('quietHours') === 'on',
    quietStart: formData.get('quietStart') ?? '',
    quietEnd: formData.get('quietEnd') ?? '',
    timeZone: formData.get('timeZone'),
    includeGroups: formData.get('includeGroups') === 'on',
    dailyCap: formData.get('dailyCap') ?? '',
  });
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as Partial<Record<AutoShareField | 'phoneNumber', string[]>>;
    if (fieldErrors.phoneNumber) return failed('That number could not be identified; refresh the page.');
    const { phoneNumber: _phone, ...fields } = fieldErrors;
    return failed('Check the highlighted fields.', { fieldErrors: fields });
  }
  const { phoneNumber, ...saved } = parsed.data;
  if (!covers(access.user.numbers, phoneNumber)) return failed(NOT_YOUR_NUMBER);
  let changed: boolean;
  try {
    ({ changed } = await saveAutoShareRule(parsed.data, access.user.id));
  } catch (error) {
    if (error instanceof AutoShareError) return failed(error.message);
    throw error;
  }
  revalidatePath(`/cards/${encodeURIComponent(phoneNumber)}`);
  if (!changed) return { ok: true, message: 'Nothing changed.', saved, changed };
  return { ok: true, message: saved.enabled ? 'Automatic share saved.' : 'Automatic share is off for this number.', saved, changed };
}

/** "Pause all automatic shares" and its undo (admins); audited. On resume, what waited decides afresh at once. */
export async function setAutoSharePauseAction(paused: unknown): Promise<ActionResult> {
  const access = await authorize('pauseAutoShares');
  if (!access.ok) return failed(access.error);
  if (typeof paused !== 'boolean') return failed('That request could not be understood; refresh the page.');
  const changed = await setAutoSharePause(paused, access.user.id);
  if (!paused && changed) await requeueWaitingAutoShares();
  revalidatePath('/settings');
  if (!changed) return { ok: true, message: paused ? 'Automatic shares were already paused.' : 'Automatic shares were already running.' };
  return {
    ok: true,
    message: paused
      ? 'All automatic shares are paused: nothing is shared automatically until they are resumed.'
      : 'Automatic shares resumed: what waited is shared now, if it still qualifies.',
  };
}
