'use server';

import { revalidatePath } from 'next/cache';
import { authorize } from '@/lib/auth/guards';
import { describeLinqError, getLinq, LinqError } from '@/lib/linq';
import { connectWebhooks, disconnectWebhooks, WebhookSetupError } from '@/lib/webhooks/subscription';

export type SettingsActionResult = { ok: true; message: string } | { ok: false; message: string; nextStep?: string; traceId?: string };

async function attempt(change: () => Promise<string>): Promise<SettingsActionResult> {
  try {
    return { ok: true, message: await change() };
  } catch (error) {
    if (error instanceof WebhookSetupError) return { ok: false, message: error.message };
    if (error instanceof LinqError) return { ok: false, ...describeLinqError(error.facts()), traceId: error.traceId };
    throw error;
  }
}

/** Settings → Webhooks → Connect (admins). */
export async function connectWebhooksAction(): Promise<SettingsActionResult> {
  const access = await authorize('manageSettings');
  if (!access.ok) return { ok: false, message: access.error };
  const result = await attempt(async () => {
    const { targetUrl } = await connectWebhooks(access.user, getLinq());
    return `Connected: Linq now sends chat and message events to ${targetUrl}.`;
  });
  revalidatePath('/settings');
  return result;
}

/** Settings → Webhooks → Disconnect (admins). */
export async function disconnectWebhooksAction(): Promise<SettingsActionResult> {
  const access = await authorize('manageSettings');
  if (!access.ok) return { ok: false, message: access.error };
  const result = await attempt(async () => {
    await disconnectWebhooks(access.user, getLinq());
    return 'Disconnected: Linq no longer sends events here. The chat index is kept fresh by the full sync alone.';
  });
  revalidatePath('/settings');
  return result;
}
