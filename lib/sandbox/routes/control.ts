import { DEFAULT_BEHAVIOUR, type FaultRule, type SandboxBehaviour } from '@/lib/sandbox/behaviour';
import { LinqApiError, requireObject, sendJson } from '@/lib/sandbox/http';
import type { Route, RouteContext } from '@/lib/sandbox/router';
import { cdnRoutes } from '@/lib/sandbox/routes/cdn';
import { chatRoutes } from '@/lib/sandbox/routes/control-chats';
import { lineRoutes } from '@/lib/sandbox/routes/control-lines';
import { cardJson } from '@/lib/sandbox/serialize';

// The sandbox's own API for tests, benchmarks and demos, under /__sandbox: what happened (shares,
// requests, deliveries), its behaviour and faults, and a reset here; lines and chats in their own
// files. Not part of Linq.

function summary({ res, store, behaviour, faults }: RouteContext) {
  sendJson(res, 200, {
    lines: store.state.lines.map((line) => line.phone_number),
    cards: store.cards().map(cardJson),
    chat_count: store.state.chats.length,
    share_count: store.state.shares.length,
    behaviour,
    faults: faults.list(),
  });
}

function shares({ res, query, store }: RouteContext) {
  const chatId = query.get('chat_id');
  sendJson(res, 200, { shares: store.state.shares.filter((share) => !chatId || share.chat_id === chatId) });
}

function requests({ res, query, store }: RouteContext) {
  // ?counts: how many requests each endpoint had, for a benchmark whose log would be too long to send.
  if (query.has('counts')) return void sendJson(res, 200, { counts: Object.fromEntries(store.requestCounts) });
  const method = query.get('method')?.toUpperCase();
  const path = query.get('path');
  const found = store.requestLog.filter((r) => (!method || r.method === method) && (!path || r.path.includes(path)));
  sendJson(res, 200, { requests: found });
}

function updateBehaviour({ res, body, behaviour }: RouteContext) {
  const changes = requireObject(body);
  for (const [key, value] of Object.entries(changes)) {
    if (!(key in DEFAULT_BEHAVIOUR)) throw new LinqApiError(400, 1005, `Unknown behaviour ${key}`);
    const expected = DEFAULT_BEHAVIOUR[key as keyof SandboxBehaviour];
    if (value !== null && typeof value !== typeof expected && !(key === 'activateAfterMs' && typeof value === 'number')) {
      throw new LinqApiError(400, 1005, `Behaviour ${key} must be a ${typeof expected}`);
    }
  }
  Object.assign(behaviour, changes);
  sendJson(res, 200, behaviour);
}

function addFaults({ res, body, faults }: RouteContext) {
  const rules = requireObject(body).rules;
  if (!Array.isArray(rules)) throw new LinqApiError(400, 1005, 'rules must be an array');
  faults.add(rules as FaultRule[]);
  sendJson(res, 200, { faults: faults.list() });
}

function reset({ res, store, behaviour, faults, webhooks }: RouteContext) {
  webhooks.clear();
  store.reset();
  Object.assign(behaviour, DEFAULT_BEHAVIOUR);
  faults.clear();
  sendJson(res, 200, { ok: true });
}

/** The account's subscriptions as Linq keeps them (without their secrets). */
function webhookSubscriptions({ res, store }: RouteContext) {
  sendJson(res, 200, { subscriptions: (store.state.webhook_subscriptions ?? []).map(({ signing_secret: _secret, ...subscription }) => subscription) });
}

function webhookDeliveries({ res, query, webhooks }: RouteContext) {
  const type = query.get('event_type');
  sendJson(res, 200, { deliveries: webhooks.attempts.filter((a) => !type || a.event_type === type) });
}

export const controlRoutes: Route[] = [
  { method: 'GET', pattern: /^\/__sandbox$/, handler: summary },
  { method: 'GET', pattern: /^\/__sandbox\/shares$/, handler: shares },
  { method: 'GET', pattern: /^\/__sandbox\/requests$/, handler: requests },
  {
    method: 'DELETE',
    pattern: /^\/__sandbox\/requests$/,
    handler: ({ res, store }) => {
      store.requestLog = [];
      store.requestCounts.clear();
      sendJson(res, 200, { ok: true });
    },
  },
  { method: 'PATCH', pattern: /^\/__sandbox\/behaviour$/, handler: updateBehaviour },
  { method: 'POST', pattern: /^\/__sandbox\/faults$/, handler: addFaults },
  {
    method: 'DELETE',
    pattern: /^\/__sandbox\/faults$/,
    handler: ({ res, query, faults }) => {
      faults.clear(query.get('path') ?? undefined);
      sendJson(res, 200, { ok: true });
    },
  },
  { method: 'POST', pattern: /^\/__sandbox\/reset$/, handler: reset },
  ...lineRoutes,
  ...chatRoutes,
  { method: 'GET', pattern: /^\/__sandbox\/webhook-deliveries$/, handler: webhookDeliveries },
  { method: 'GET', pattern: /^\/__sandbox\/webhook-subscriptions$/, handler: webhookSubscriptions },
  ...cdnRoutes,
];
