'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { failed, type ActionResult } from '@/lib/actions/result';
import { authorize } from '@/lib/auth/guards';
import { setSecondFactorRule } from '@/lib/auth/second-factor';
import { isSecondFactorRule, SECOND_FACTOR_RULE_LABELS } from '@/lib/auth/second-factor-rule';
import { describeLinqError, getLinq, LinqError } from '@/lib/linq';
import { idSchema } from '@/lib/validations/safe-text';
import { applyAgain } from '@/lib/webhooks/delivery-log';
import { connectWebhooks, disconnectWebhooks, WebhookSetupError, webhookTargetUrl } from '@/lib/webhooks/subscription';

export type SettingsActionResult = ActionResult<object, never, { traceId?: string }>;

async function attempt(change: () => Promise<string>): Promise<SettingsActionResult> {
  try {
    return { ok: true, message: await change() };
  } catch (error) {
    if (error instanceof WebhookSetupError) return failed(error.message);
    if (error instanceof LinqError) {
      const described = describeLinqError(error.facts());
      return { ok: false, error: described.message, nextStep: described.nextStep, traceId: error.traceId };
    }
    throw error;
  }
}

const shown = z.string().min(1).max(500);

/**
 * Settings → Webhooks → Connect (admins). The page sends the address it showed, so that a page
 * opened before PUBLIC_BASE_URL changed cannot subscribe an address nobody saw.
 */
export async function connectWebhooksAction(targetUrl: unknown): Promise<SettingsActionResult> {
  const access = await authorize('manageSettings');
  if (!access.ok) return failed(access.error);
  const parsed = shown.safeParse(targetUrl);
  if (!parsed.success || parsed.data !== webhookTargetUrl()) {
    return failed('The webhook address changed since this page was opened: reload it, check the address, and connect again.');
  }
  const result = await attempt(async () => {
    const { targetUrl } = await connectWebhooks(access.user, getLinq());
    return `Connected: Linq now sends chat and message events to ${targetUrl}.`;
  });
  revalidatePath('/settings');
  return result;
}

/** Settings → Webhooks → Disconnect (admins), of the subscription the page showed. */
export async function disconnectWebhooksAction(subscriptionId: unknown): Promise<SettingsActionResult> {
  const access = await authorize('manageSettings');
  if (!access.ok) return failed(access.error);
  const parsed = idSchema(200).safeParse(subscriptionId);
  if (!parsed.success) return failed('That subscription could not be identified; reload the page.');
  const result = await attempt(async () => {
    await disconnectWebhooks(access.user, getLinq(), parsed.data);
    return 'Disconnected: Linq no longer sends events here. The chat index is kept fresh by the full sync alone.';
  });
  revalidatePath('/settings');
  return result;
}

/** Delivery log → Apply again (admins), for a delivery that failed to apply. */
export async function applyDeliveryAgainAction(deliveryId: unknown): Promise<SettingsActionResult> {
  const access = await authorize('manageSettings');
  if (!access.ok) return failed(access.error);
  const parsed = idSchema(200).safeParse(deliveryId);
  if (!parsed.success) return failed('That delivery could not be identified; reload the page.');
  if (!(await applyAgain(parsed.data))) {
    return failed('This delivery is no longer waiting to be applied again: reload the page to see how it ended.');
  }
  revalidatePath('/settings/webhooks');
  return { ok: true, message: 'Applying the delivery again: its row says how it went in a moment.' };
}

/** Settings → Sign-in (admins): who must sign in with a second factor. */
export async function setSecondFactorRuleAction(rule: unknown): Promise<SettingsActionResult> {
  const access = await authorize('manageSettings');
  if (!access.ok) return failed(access.error);
  if (!isSecondFactorRule(rule)) return failed('Choose who must use a second factor.');
  await setSecondFactorRule(access.user.id, rule);
  revalidatePath('/settings');
  const consequence = rule === 'OPTIONAL' ? '' : ' People it applies to without one are asked to set it up at their next click.';
  return { ok: true, message: `Second factor: ${SECOND_FACTOR_RULE_LABELS[rule].toLowerCase()}.${consequence}` };
}
