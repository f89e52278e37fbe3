import 'server-only';
import { getLinq, WebhookRejection } from '@/lib/linq';
import { logger } from '@/lib/observability/log';
import { metrics } from '@/lib/observability/metrics';
import { queueApplySoon } from '@/lib/queue/send';
import { storeArrival } from '@/lib/webhooks/arrivals';
import { parseEnvelope, subjectOfEnvelope } from '@/lib/webhooks/events';
import { webhookSecrets } from '@/lib/webhooks/keys';
import { countRefusal } from '@/lib/webhooks/refusals';

export type ReceiveResult = { status: 200; body: { received: true; duplicate: boolean } } | { status: 400 | 401; body: { error: string } };

/** The Standard Webhooks headers every Linq delivery carries: without them nothing else is read. */
export function hasSignatureHeaders(headers: Headers): boolean {
  return Boolean(headers.get('webhook-id') && headers.get('webhook-timestamp') && headers.get('webhook-signature'));
}

/** A secret connected moments ago on another instance is looked for again, at most this often. */
const FRESH_SECRETS_EVERY_MS = 5_000;
const globalForVerify = globalThis as unknown as { webhookSecretsReadAt?: number };

/** Verifies against the known secrets (cached); on a mismatch, reads them fresh at most every few seconds. */
async function verify(rawBody: string, headers: Record<string, string>): Promise<unknown> {
  const linq = getLinq();
  try {
    return linq.unwrapWebhook(rawBody, headers, await webhookSecrets());
  } catch (error) {
    if (!(error instanceof WebhookRejection) || error.reason === 'missing_headers' || error.reason === 'stale') throw error;
    if (Date.now() - (globalForVerify.webhookSecretsReadAt ?? 0) < FRESH_SECRETS_EVERY_MS) throw error;
    globalForVerify.webhookSecretsReadAt = Date.now();
    return linq.unwrapWebhook(rawBody, headers, await webhookSecrets(true));
  }
}

/** The same JSON without NUL characters, which PostgreSQL cannot store in text (the rest is kept as sent). */
export function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('\u0000', '');
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.replaceAll('\u0000', ''), withoutNul(inner)]));
  return value;
}

/**
 * A delivery from Linq, as the route received it: verified, recorded once by its webhook-id, and
 * left to the webhooks.apply job. Nothing unverified reaches the database beyond a refusal count.
 */
export async function receiveWebhook(rawBody: string, headers: Record<string, string>, address = 'unknown'): Promise<ReceiveResult> {
  let payload: unknown;
  try {
    const verified = await verify(rawBody, headers);
    // JSON can only carry a NUL as the escape \u0000: without one in the text, nothing to remove.
    payload = rawBody.includes('\\u0000') ? withoutNul(verified) : verified;
  } catch (error) {
    if (!(error instanceof WebhookRejection)) throw error;
    countRefusal(error.message, address);
    metrics().webhookDeliveries.inc({ stage: 'refused' });
    logger('webhooks').warn({ reason: error.reason }, 'webhook delivery refused');
    return { status: error.reason === 'missing_headers' || error.reason === 'malformed' ? 400 : 401, body: { error: error.message } };
  }
  const event = parseEnvelope(payload);
  const isNew = await storeArrival({
    id: String(withoutNul(headers['webhook-id']!)),
    eventId: event?.event_id ?? null,
    eventType: event?.event_type ?? 'unknown',
    eventCreatedAt: event?.created_at ?? null,
    payload: JSON.stringify(payload),
    subject: subjectOfEnvelope(event),
  });
  metrics().webhookDeliveries.inc({ stage: isNew ? 'accepted' : 'repeated' });
  if (!isNew) return { status: 200, body: { received: true, duplicate: true } };
  // The route answers now; the job that applies deliveries is queued in a moment, once for a burst.
  queueApplySoon();
  return { status: 200, body: { received: true, duplicate: false } };
}
