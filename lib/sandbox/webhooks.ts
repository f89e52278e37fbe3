import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { SandboxBehaviour } from '@/lib/sandbox/behaviour';
import type { SandboxStore } from '@/lib/sandbox/store';
import type { SandboxWebhookSubscription } from '@/lib/sandbox/types';

// Webhook deliveries as Linq makes them: the 2026-02-03 envelope, signed per Standard Webhooks
// (webhook-id, webhook-timestamp, webhook-signature "v1,<base64 HMAC-SHA256>" over
// "{id}.{timestamp}.{body}" with the base64-decoded whsec_ key) plus the legacy X-Webhook-*
// headers, POSTed to each subscription that wants the event, and tried again on a 5xx, a 429 or
// a network error, up to 10 attempts with the wait doubling. Other 4xx answers are final.

const MAX_ATTEMPTS = 10;

export interface DeliveryAttempt {
  webhook_id: string;
  event_type: string;
  subscription_id: string;
  target_url: string;
  attempt: number;
  at: string;
  /** The HTTP status answered, or null when the request failed. */
  status: number | null;
  error?: string;
}

export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

export function signatureHeaders(secret: string, webhookId: string, timestamp: number, body: string): Record<string, string> {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${webhookId}.${timestamp}.${body}`).digest('base64');
  const legacy = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${signature}`,
    'x-webhook-timestamp': String(timestamp),
    'x-webhook-signature': legacy,
  };
}

export function envelope(eventType: string, data: unknown) {
  return {
    api_version: 'v3',
    webhook_version: '2026-02-03',
    event_type: eventType,
    event_id: randomUUID(),
    created_at: new Date().toISOString(),
    partner_id: 'sandbox-partner',
    trace_id: randomBytes(16).toString('hex'),
    data,
  };
}

export class WebhookDeliverer {
  readonly attempts: DeliveryAttempt[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly store: SandboxStore,
    private readonly behaviour: SandboxBehaviour,
  ) {}

  /** Sends an event to every subscription that wants it (and its line, when it filters by line). */
  emit(eventType: string, data: unknown, line?: string): void {
    const subscriptions = (this.store.state.webhook_subscriptions ?? []).filter(
      (s) => s.is_active && s.subscribed_events.includes(eventType) && (!s.phone_numbers?.length || (line !== undefined && s.phone_numbers.includes(line))),
    );
    for (const subscription of subscriptions) {
      const body = JSON.stringify(envelope(eventType, data));
      void this.deliver(subscription, `msg_${randomUUID().replace(/-/g, '')}`, eventType, body, 1);
    }
  }

  /** Stops retries waiting (on close or reset). */
  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async deliver(subscription: SandboxWebhookSubscription, webhookId: string, eventType: string, body: string, attempt: number): Promise<void> {
    const timestamp = Math.floor(Date.now() / 1000);
    const record: DeliveryAttempt = {
      webhook_id: webhookId,
      event_type: eventType,
      subscription_id: subscription.id,
      target_url: subscription.target_url,
      attempt,
      at: new Date().toISOString(),
      status: null,
    };
    this.attempts.push(record);
    if (this.attempts.length > 5_000) this.attempts.splice(0, this.attempts.length - 5_000);
    let retry: boolean;
    try {
      const response = await fetch(subscription.target_url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Linq-Webhooks/sandbox',
          'x-webhook-event': eventType,
          'x-webhook-subscription-id': subscription.id,
          ...signatureHeaders(subscription.signing_secret, webhookId, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      record.status = response.status;
      await response.arrayBuffer().catch(() => undefined);
      retry = response.status >= 500 || response.status === 429;
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
      retry = true;
    }
    if (!retry || attempt >= MAX_ATTEMPTS) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        void this.deliver(subscription, webhookId, eventType, body, attempt + 1);
      },
      this.behaviour.webhookRetryBaseMs * 2 ** (attempt - 1),
    );
    timer.unref();
    this.timers.add(timer);
  }
}
