import 'server-only';
import type { StaffUser } from '@/lib/auth/guards';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import type { LinqGateway } from '@/lib/linq';
import { SUBSCRIBED_EVENTS } from '@/lib/webhooks/events';
import { forgetWebhookSecrets, sealWebhookSecret } from '@/lib/webhooks/keys';

/** A connect or disconnect that cannot go ahead; `message` is shown to the admin as is. */
export class WebhookSetupError extends Error {
  override name = 'WebhookSetupError';
}

/** Where Linq delivers: this console's webhook route, asking for the 2026-02-03 payloads. */
export function webhookTargetUrl(publicBaseUrl = getSettings().publicBaseUrl): string {
  return `${publicBaseUrl}/api/webhooks/linq?version=2026-02-03`;
}

/**
 * "Connect": subscribes this console to the events the index needs, and keeps the signing secret
 * (shown by Linq only this once) encrypted. Audited.
 */
export async function connectWebhooks(actor: StaffUser, linq: LinqGateway): Promise<{ id: string; targetUrl: string }> {
  if (await db.webhookSubscription.count()) throw new WebhookSetupError('Webhooks are already connected. Disconnect first to connect again.');
  const targetUrl = webhookTargetUrl();
  const existing = (await linq.listWebhookSubscriptions()).find((subscription) => subscription.targetUrl === targetUrl);
  if (existing) {
    throw new WebhookSetupError(
      `Linq already has a subscription for ${targetUrl} (${existing.id}), made elsewhere: its signing secret cannot be read again. Set LINQ_WEBHOOK_SECRET to its secret, or delete it in Linq's dashboard and connect here.`,
    );
  }
  const created = await linq.createWebhookSubscription({ targetUrl, events: [...SUBSCRIBED_EVENTS] });
  await db.$transaction([
    db.webhookSubscription.create({
      data: {
        id: created.id,
        targetUrl: created.targetUrl,
        events: created.events,
        secretCiphertext: sealWebhookSecret(created.signingSecret),
        createdById: actor.id,
      },
    }),
    db.settingsChange.create({
      data: {
        kind: 'WEBHOOK_CONNECTED',
        actorId: actor.id,
        subject: created.targetUrl,
        after: { subscriptionId: created.id, targetUrl: created.targetUrl, events: created.events },
      },
    }),
  ]);
  forgetWebhookSecrets();
  return { id: created.id, targetUrl: created.targetUrl };
}

/** "Disconnect": deletes the subscription in Linq and forgets its secret. Audited. */
export async function disconnectWebhooks(actor: StaffUser, linq: LinqGateway, subscriptionId: string): Promise<void> {
  const subscription = await db.webhookSubscription.findUnique({ where: { id: subscriptionId } });
  if (!subscription) throw new WebhookSetupError('That subscription is no longer connected from this console; reload the page.');
  await linq.deleteWebhookSubscription(subscription.id);
  await db.$transaction([
    db.webhookSubscription.delete({ where: { id: subscription.id } }),
    db.settingsChange.create({
      data: {
        kind: 'WEBHOOK_DISCONNECTED',
        actorId: actor.id,
        subject: subscription.targetUrl,
        before: { subscriptionId: subscription.id, targetUrl: subscription.targetUrl, events: subscription.events },
      },
    }),
  ]);
  forgetWebhookSecrets();
}
