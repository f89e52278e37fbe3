import 'server-only';
import { db } from '@/lib/db';
import { sendSoon } from '@/lib/jobs/send';
import { getLinq, WebhookRejection } from '@/lib/linq';
import { utcDay } from '@/lib/webhooks/stats';
import { webhookSecrets } from '@/lib/webhooks/keys';
import { parseEnvelope } from '@/lib/webhooks/events';

export type ReceiveResult =
  | { status: 200; body: { received: true; duplicate: boolean } }
  | { status: 400 | 401; body: { error: string } };

async function countRefusal(rejection: WebhookRejection): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "WebhookDay" ("day", "refusals", "lastRefusalAt", "lastRefusalReason")
    VALUES (${utcDay(new Date())}, 1, now() AT TIME ZONE 'UTC', ${rejection.message})
    ON CONFLICT ("day") DO UPDATE SET "refusals" = "WebhookDay"."refusals" + 1,
      "lastRefusalAt" = EXCLUDED."lastRefusalAt", "lastRefusalReason" = EXCLUDED."lastRefusalReason"`;
}

/** Verifies against the known secrets; a secret connected moments ago on another instance is read fresh once. */
async function verify(rawBody: string, headers: Record<string, string>): Promise<unknown> {
  const linq = getLinq();
  try {
    return linq.unwrapWebhook(rawBody, headers, await webhookSecrets());
  } catch (error) {
    if (!(error instanceof WebhookRejection) || error.reason === 'missing_headers' || error.reason === 'stale') throw error;
    return linq.unwrapWebhook(rawBody, headers, await webhookSecrets(true));
  }
}

/**
 * A delivery from Linq, as the route received it: verified, recorded once by its webhook-id, and
 * left to the webhooks.apply job. Nothing unverified reaches the database beyond a refusal count.
 */
export async function receiveWebhook(rawBody: string, headers: Record<string, string>): Promise<ReceiveResult> {
  let payload: unknown;
  try {
    payload = await verify(rawBody, headers);
  } catch (error) {
    if (!(error instanceof WebhookRejection)) throw error;
    await countRefusal(error);
    return { status: error.reason === 'missing_headers' || error.reason === 'malformed' ? 400 : 401, body: { error: error.message } };
  }
  const event = parseEnvelope(payload);
  const id = headers['webhook-id']!;
  const inserted = await db.$executeRaw`
    INSERT INTO "WebhookDelivery" ("id", "eventId", "eventType", "eventCreatedAt", "payload")
    VALUES (${id}, ${event?.event_id ?? null}, ${event?.event_type ?? 'unknown'}, ${event?.created_at ?? null}::timestamp, ${rawBody}::jsonb)
    ON CONFLICT ("id") DO NOTHING`;
  if (inserted === 0) {
    await db.$executeRaw`
      INSERT INTO "WebhookDay" ("day", "duplicates") VALUES (${utcDay(new Date())}, 1)
      ON CONFLICT ("day") DO UPDATE SET "duplicates" = "WebhookDay"."duplicates" + 1`;
    return { status: 200, body: { received: true, duplicate: true } };
  }
  // The route answers now; the job that applies deliveries is queued in a moment, once for a burst.
  sendSoon('webhooks.apply');
  return { status: 200, body: { received: true, duplicate: false } };
}
