import { randomUUID } from 'node:crypto';
import { isE164, LinqApiError, requireObject, sendJson, sendNoContent } from '@/lib/sandbox/http';
import type { Route, RouteContext } from '@/lib/sandbox/router';
import type { SandboxWebhookSubscription } from '@/lib/sandbox/types';
import { newSigningSecret } from '@/lib/sandbox/webhooks';

// /v3/webhook-subscriptions as the SDK types it: the signing secret only in the create answer.

const EVENT_TYPES = new Set([
  'message.sent',
  'message.received',
  'message.read',
  'message.delivered',
  'message.failed',
  'message.edited',
  'reaction.added',
  'reaction.removed',
  'participant.added',
  'participant.removed',
  'chat.created',
  'chat.group_name_updated',
  'chat.group_icon_updated',
  'chat.group_name_update_failed',
  'chat.group_icon_update_failed',
  'chat.typing_indicator.started',
  'chat.typing_indicator.stopped',
  'phone_number.status_updated',
  'call.initiated',
  'call.ringing',
  'call.answered',
  'call.ended',
  'call.failed',
  'call.declined',
  'call.no_answer',
  'location.sharing.started',
  'location.sharing.stopped',
]);

function publicJson({ signing_secret: _secret, ...subscription }: SandboxWebhookSubscription) {
  return { ...subscription, phone_numbers: subscription.phone_numbers ?? [] };
}

function subscriptions(context: RouteContext): SandboxWebhookSubscription[] {
  return (context.store.state.webhook_subscriptions ??= []);
}

function requireSubscription(context: RouteContext): SandboxWebhookSubscription {
  const found = subscriptions(context).find((s) => s.id === context.params[0]);
  if (!found) throw new LinqApiError(404, 2010, 'Webhook subscription not found');
  return found;
}

function validTarget(context: RouteContext, value: unknown): string {
  if (typeof value !== 'string') throw new LinqApiError(400, 1001, 'target_url is required');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new LinqApiError(400, 1005, 'target_url must be a URL');
  }
  if (url.protocol !== 'https:' && (context.behaviour.requireHttpsWebhooks || url.protocol !== 'http:'))
    throw new LinqApiError(400, 1005, 'target_url must be HTTPS');
  return value;
}

function validEvents(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) throw new LinqApiError(400, 1001, 'subscribed_events is required');
  if (!value.every((event) => typeof event === 'string' && EVENT_TYPES.has(event)))
    throw new LinqApiError(400, 1005, 'Unknown event type in subscribed_events');
  return value as string[];
}

function validNumbers(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every(isE164)) throw new LinqApiError(400, 1002, 'Phone number must be in E.164 format');
  return value as string[];
}

function create(context: RouteContext) {
  const body = requireObject(context.body);
  const target = validTarget(context, body.target_url);
  // Each target_url may be used once per account.
  if (subscriptions(context).some((s) => s.target_url === target)) throw new LinqApiError(409, 2015, 'A subscription for this target_url already exists');
  const now = new Date().toISOString();
  const subscription: SandboxWebhookSubscription = {
    id: randomUUID(),
    target_url: target,
    subscribed_events: validEvents(body.subscribed_events),
    phone_numbers: validNumbers(body.phone_numbers),
    is_active: true,
    signing_secret: newSigningSecret(),
    created_at: now,
    updated_at: now,
  };
  subscriptions(context).push(subscription);
  context.store.save();
  sendJson(context.res, 201, { ...publicJson(subscription), signing_secret: subscription.signing_secret });
}

function update(context: RouteContext) {
  const subscription = requireSubscription(context);
  const body = requireObject(context.body);
  if (body.target_url !== undefined) subscription.target_url = validTarget(context, body.target_url);
  if (body.subscribed_events !== undefined) subscription.subscribed_events = validEvents(body.subscribed_events);
  if (body.is_active !== undefined) subscription.is_active = body.is_active === true;
  if ('phone_numbers' in body) subscription.phone_numbers = validNumbers(body.phone_numbers) ?? [];
  subscription.updated_at = new Date().toISOString();
  context.store.save();
  sendJson(context.res, 200, publicJson(subscription));
}

function remove(context: RouteContext) {
  const subscription = requireSubscription(context);
  context.store.state.webhook_subscriptions = subscriptions(context).filter((s) => s !== subscription);
  context.store.save();
  sendNoContent(context.res);
}

const ID = '([^/]+)';

export const webhookSubscriptionRoutes: Route[] = [
  { method: 'POST', pattern: /^\/v3\/webhook-subscriptions$/, handler: create },
  {
    method: 'GET',
    pattern: /^\/v3\/webhook-subscriptions$/,
    handler: (context) => sendJson(context.res, 200, { subscriptions: subscriptions(context).map(publicJson) }),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v3/webhook-subscriptions/${ID}$`),
    handler: (context) => sendJson(context.res, 200, publicJson(requireSubscription(context))),
  },
  { method: 'PUT', pattern: new RegExp(`^/v3/webhook-subscriptions/${ID}$`), handler: update },
  { method: 'DELETE', pattern: new RegExp(`^/v3/webhook-subscriptions/${ID}$`), handler: remove },
];
