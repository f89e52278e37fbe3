'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { failed, type ActionResult } from '@/lib/actions/result';
import { CHANNEL_LABELS } from '@/lib/alerts/events';
import { sendTestAlert } from '@/lib/alerts/send';
import { saveEmailChannel, saveRules, saveSlackChannel } from '@/lib/alerts/store';
import { authorize } from '@/lib/auth/guards';
import {
  alertRulesFields,
  alertRulesSchema,
  channelKindSchema,
  emailChannelSchema,
  slackChannelSchema,
  type EmailChannelField,
  type SlackChannelField,
} from '@/lib/validations/alerts';
import { asFormData } from '@/lib/validations/form-data';

// Settings → Alerts (admins): the channels, the events, and the test button.

const CHECK_FIELDS = 'Check the highlighted fields.';

export type EmailChannelState = ActionResult<object, EmailChannelField> | null;
export type SlackChannelState = ActionResult<object, SlackChannelField> | null;
export type AlertRulesState = ActionResult<object, 'silenceMinutes'> | null;

export async function saveEmailChannelAction(_previous: EmailChannelState, form: unknown): Promise<EmailChannelState> {
  const access = await authorize('manageSettings');
  if (!access.ok) return failed(access.error);
  const parsed = emailChannelSchema.safeParse(Object.fromEntries(asFormData(form)));
  if (!parsed.success) return failed(CHECK_FIELDS, { fieldErrors: z.flattenError(parsed.error).fieldErrors });
  await saveEmailChannel(parsed.data, access.user.id);
  revalidatePath('/settings/alerts');
  return { ok: true, message: parsed.data.enabled ? 'Email alerts saved and on. Send a test alert to check them.' : 'Email alerts saved, and off.' };
}

export async function saveSlackChannelAction(_previous: SlackChannelState, form: unknown): Promise<SlackChannelState> {
  const access = await authorize('manageSettings');
  if (!access.ok) return failed(access.error);
  const parsed = slackChannelSchema.safeParse(Object.fromEntries(asFormData(form)));
  if (!parsed.success) return failed(CHECK_FIELDS, { fieldErrors: z.flattenError(parsed.error).fieldErrors });
  if (!(await saveSlackChannel(parsed.data, access.user.id))) {
    return failed(CHECK_FIELDS, { fieldErrors: { url: ['Paste the incoming-webhook address Slack gave you.'] } });
  }
  revalidatePath('/settings/alerts');
  return { ok: true, message: parsed.data.enabled ? 'Slack alerts saved and on. Send a test alert to check them.' : 'Slack alerts saved, and off.' };
}

export async function saveAlertRulesAction(_previous: AlertRulesState, form: unknown): Promise<AlertRulesState> {
  const access = await authorize('manageSettings');
  if (!access.ok) return failed(access.error);
  const parsed = alertRulesSchema.safeParse(alertRulesFields(asFormData(form)));
  if (!parsed.success) return failed(CHECK_FIELDS, { fieldErrors: { silenceMinutes: z.flattenError(parsed.error).fieldErrors.silenceMinutes } });
  await saveRules(parsed.data, access.user.id);
  revalidatePath('/settings/alerts');
  return { ok: true, message: 'Alert events saved.' };
}

/** "Send a test alert" through one channel, at once; the answer says whether it went. */
export async function sendTestAlertAction(channel: unknown): Promise<ActionResult> {
  const access = await authorize('manageSettings');
  if (!access.ok) return failed(access.error);
  const kind = channelKindSchema.safeParse(channel);
  if (!kind.success) return failed('That channel could not be identified; reload the page.');
  const outcome = await sendTestAlert(kind.data, access.user.name);
  revalidatePath('/settings/alerts');
  const label = CHANNEL_LABELS[kind.data];
  return outcome.ok
    ? { ok: true, message: `Test alert sent by ${label.toLowerCase()}. Check that it arrived.` }
    : failed(outcome.error, { nextStep: `Correct the ${label.toLowerCase()} settings, save, and send another test.` });
}
