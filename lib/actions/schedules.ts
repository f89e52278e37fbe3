'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { failed, type ActionResult } from '@/lib/actions/result';
import { authorize } from '@/lib/auth/guards';
import { covers, NOT_YOUR_NUMBER } from '@/lib/number-scope';
import { saveSchedule, ScheduleError, type ScheduleSettings } from '@/lib/runs/schedules';
import { asFormData } from '@/lib/validations/form-data';
import { scheduleFormSchema } from '@/lib/validations/schedule';

export type ScheduleField = 'timeOfDay' | 'timeZone';

/** `saved`: what the form shows from now on, exactly as stored; `changed`: false when nothing was. Null before a save. */
export type ScheduleFormState = ActionResult<{ saved: ScheduleSettings; changed: boolean }, ScheduleField> | null;

/** Saves a number's daily re-share (on or off, time, zone, which chats); the change is audited. */
export async function saveScheduleAction(_previous: ScheduleFormState, form: unknown): Promise<ScheduleFormState> {
  const formData = asFormData(form);
  const access = await authorize('shareCards');
  if (!access.ok) return failed(access.error);
  const parsed = scheduleFormSchema.safeParse({
    phoneNumber: formData.get('phoneNumber'),
    enabled: formData.get('enabled') === 'on',
    timeOfDay: formData.get('timeOfDay'),
    timeZone: formData.get('timeZone'),
    onlyRepliedChats: formData.get('onlyRepliedChats') === 'on',
  });
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as Partial<Record<ScheduleField | 'phoneNumber', string[]>>;
    if (fieldErrors.phoneNumber) return failed('That number could not be identified; refresh the page.');
    return failed('Check the highlighted fields.', { fieldErrors: { timeOfDay: fieldErrors.timeOfDay, timeZone: fieldErrors.timeZone } });
  }
  const { phoneNumber, ...saved } = parsed.data;
  if (!covers(access.user.numbers, phoneNumber)) return failed(NOT_YOUR_NUMBER);
  let changed: boolean;
  try {
    ({ changed } = await saveSchedule(parsed.data, access.user.id));
  } catch (error) {
    if (error instanceof ScheduleError) return failed(error.message);
    throw error;
  }
  revalidatePath(`/cards/${encodeURIComponent(phoneNumber)}`);
  if (!changed) return { ok: true, message: 'Nothing changed.', saved, changed };
  return { ok: true, message: saved.enabled ? 'Daily re-share saved.' : 'Daily re-share is off for this number.', saved, changed };
}
