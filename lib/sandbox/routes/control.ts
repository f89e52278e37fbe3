import { randomUUID } from 'node:crypto';
import { DEFAULT_BEHAVIOUR, type FaultRule, type SandboxBehaviour } from '@/lib/sandbox/behaviour';
import { isE164, LinqApiError, requireObject, sendJson } from '@/lib/sandbox/http';
import type { Route, RouteContext } from '@/lib/sandbox/router';
import { requireChat } from '@/lib/sandbox/routes/chats';
import { cardJson, chatJson, messageEventJson } from '@/lib/sandbox/serialize';
import type { Health, SandboxChat, SandboxHandle, SandboxMessage, Service } from '@/lib/sandbox/types';

// The sandbox's own API for tests, benchmarks and demos, under /__sandbox. Not part of Linq.

const SERVICES: readonly Service[] = ['iMessage', 'SMS', 'RCS'];
const HEALTH: readonly Health[] = ['HEALTHY', 'AT_RISK', 'CRITICAL', 'OPTED_OUT'];

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

type LineSettings = { card_setup?: 'active' | 'inactive' | 'fail'; activate_after_ms?: number; status?: 'ACTIVE' | 'FLAGGED' };

function lineSettings(input: Record<string, unknown>): LineSettings {
  const setup = input.card_setup;
  if (setup !== undefined && !['active', 'inactive', 'fail'].includes(String(setup))) throw new LinqApiError(400, 1005, 'Invalid card_setup');
  const after = input.activate_after_ms;
  if (after !== undefined && typeof after !== 'number') throw new LinqApiError(400, 1005, 'activate_after_ms must be a number');
  const status = input.status;
  if (status !== undefined && status !== 'ACTIVE' && status !== 'FLAGGED') throw new LinqApiError(400, 1005, 'status must be ACTIVE or FLAGGED');
  return {
    ...(setup !== undefined && { card_setup: setup as LineSettings['card_setup'] }),
    ...(after !== undefined && { activate_after_ms: after }),
    ...(status !== undefined && { status }),
  };
}

/**
 * Adds a line to the account (as Linq provisions one), with a fresh number unless one is given,
 * optionally with a card and its own setup outcome.
 */
function addLine({ res, body, store }: RouteContext) {
  const input = requireObject(body ?? {});
  let phone = input.phone_number;
  if (phone === undefined) {
    let next = 12025550000 + store.state.lines.length;
    while (store.isLine(`+${next}`)) next += 1;
    phone = `+${next}`;
  }
  if (!isE164(phone)) throw new LinqApiError(400, 1002, 'Phone number must be in E.164 format');
  if (store.isLine(phone)) throw new LinqApiError(409, 2015, 'Line already exists');
  store.state.lines.push({ id: randomUUID(), phone_number: phone, reputation: 'HEALTHY', ...lineSettings(input) });
  const card = input.card as { first_name?: string; last_name?: string; is_active?: boolean } | undefined;
  if (card?.first_name) {
    store.setCard({ phone_number: phone, first_name: card.first_name, ...(card.last_name && { last_name: card.last_name }), is_active: card.is_active ?? true });
  }
  store.save();
  sendJson(res, 201, { phone_number: phone });
}

/** Changes a line's sandbox settings; a new status is announced as phone_number.status_updated. */
function updateLine({ res, params, body, store, webhooks }: RouteContext) {
  const line = store.state.lines.find((l) => l.phone_number === params[0]);
  if (!line) throw new LinqApiError(404, 2019, 'Phone number not found');
  const settings = lineSettings(requireObject(body));
  const previous = line.status ?? 'ACTIVE';
  Object.assign(line, settings);
  store.save();
  if (settings.status && settings.status !== previous) {
    webhooks.emit(
      'phone_number.status_updated',
      { phone_number: line.phone_number, old_status: previous, new_status: settings.status, changed_at: new Date().toISOString(), new_reputation: line.reputation, new_health_status: line.reputation },
      line.phone_number,
    );
  }
  sendJson(res, 200, { phone_number: line.phone_number, card_setup: line.card_setup, activate_after_ms: line.activate_after_ms });
}

/** Seeds one chat exactly as a test needs it: service, outbound/inbound counts, health, left, age. */
function addChat({ res, body, store }: RouteContext) {
  const input = requireObject(body);
  const from = input.from;
  const to = input.to;
  if (!isE164(from) || !store.isLine(from)) throw new LinqApiError(400, 1002, 'from must be a line of the account');
  if (!Array.isArray(to) || to.length === 0) throw new LinqApiError(400, 1001, 'to is required');
  const service = input.service === null ? null : ((input.service as Service | undefined) ?? 'iMessage');
  if (service !== null && !SERVICES.includes(service)) throw new LinqApiError(400, 1005, 'Invalid service');
  const health = (input.health as Health | undefined) ?? 'HEALTHY';
  if (!HEALTH.includes(health)) throw new LinqApiError(400, 1005, 'Invalid health');

  // Linq lists the most recently active chats first: an older chat comes later in the list.
  const hoursAgo = input.hours_ago === undefined ? 1 : Number(input.hours_ago);
  if (!Number.isFinite(hoursAgo) || hoursAgo < 0) throw new LinqApiError(400, 1005, 'hours_ago must be a number of hours');
  const start = Date.now() - hoursAgo * 3_600_000;
  const at = (offset: number) => new Date(start + offset * 60_000).toISOString();
  const handle = (h: string, isMe: boolean): SandboxHandle => ({ id: randomUUID(), handle: String(h), joined_at: at(0), service: service ?? 'iMessage', is_me: isMe, left_at: null, status: 'active' });
  const me = handle(from, true);
  if (input.left === true) Object.assign(me, { status: 'left', left_at: at(1) });
  const others = to.map((h) => handle(String(h), false));
  const chat: SandboxChat = {
    id: randomUUID(),
    created_at: at(0),
    updated_at: at(0),
    display_name: typeof input.display_name === 'string' ? input.display_name : others.map((h) => h.handle).join(', '),
    handles: [me, ...others],
    health,
    is_group: others.length > 1,
    service,
  };
  const inbound = Number(input.inbound ?? 1);
  const outbound = Number(input.outbound ?? 0);
  const messages: SandboxMessage[] = [];
  for (let i = 0; i < inbound + outbound; i++) {
    const fromMe = i >= inbound;
    messages.push({
      id: randomUUID(),
      chat_id: chat.id,
      created_at: at(i + 2),
      is_from_me: fromMe,
      text: fromMe ? `Reply ${i - inbound + 1} from the business` : `Message ${i + 1} from the customer`,
      service: service ?? 'iMessage',
      from_handle: fromMe ? me : others[0]!,
      delivery_status: fromMe ? 'delivered' : 'received',
    });
  }
  chat.updated_at = messages.at(-1)?.created_at ?? chat.created_at;
  store.addChat(chat, messages);
  sendJson(res, 201, chatJson(chat));
}

/**
 * A message in an existing chat that did not go through the API: the customer writing (inbound) or
 * someone at the business replying from elsewhere (outbound). Announced by webhook, as Linq does.
 */
function simulateMessage(direction: 'inbound' | 'outbound') {
  return (context: RouteContext) => {
    const { res, store, webhooks } = context;
    const chat = requireChat(context);
    const input = (context.body ?? {}) as Record<string, unknown>;
    const me = chat.handles.find((h) => h.is_me)!;
    const customer = chat.handles.find((h) => !h.is_me)!;
    const message: SandboxMessage = {
      id: randomUUID(),
      chat_id: chat.id,
      created_at: new Date().toISOString(),
      is_from_me: direction === 'outbound',
      text: typeof input.text === 'string' ? input.text : direction === 'outbound' ? 'Sent from the business’s phone' : 'A reply from the customer',
      service: chat.service ?? 'iMessage',
      from_handle: direction === 'outbound' ? me : customer,
      delivery_status: direction === 'outbound' ? 'sent' : 'received',
    };
    store.addMessage(chat, message);
    webhooks.emit(direction === 'outbound' ? 'message.sent' : 'message.received', messageEventJson(chat, message), me.handle);
    sendJson(res, 201, { message_id: message.id, chat_id: chat.id });
  };
}

/** The account's subscriptions as Linq keeps them (without their secrets). */
function webhookSubscriptions({ res, store }: RouteContext) {
  sendJson(res, 200, { subscriptions: (store.state.webhook_subscriptions ?? []).map(({ signing_secret: _secret, ...subscription }) => subscription) });
}

function webhookDeliveries({ res, query, webhooks }: RouteContext) {
  const type = query.get('event_type');
  sendJson(res, 200, { deliveries: webhooks.attempts.filter((a) => !type || a.event_type === type) });
}

function image({ res, params, store }: RouteContext) {
  const found = store.image(params[0]!);
  if (!found) return sendJson(res, 404, { error: 'Not found' });
  res.writeHead(200, { 'content-type': found.contentType, 'content-length': found.bytes.length, 'cache-control': 'public, max-age=31536000, immutable' });
  res.end(found.bytes);
}

export const controlRoutes: Route[] = [
  { method: 'GET', pattern: /^\/__sandbox$/, handler: summary },
  { method: 'GET', pattern: /^\/__sandbox\/shares$/, handler: shares },
  { method: 'GET', pattern: /^\/__sandbox\/requests$/, handler: requests },
  { method: 'DELETE', pattern: /^\/__sandbox\/requests$/, handler: ({ res, store }) => { store.requestLog = []; sendJson(res, 200, { ok: true }); } },
  { method: 'PATCH', pattern: /^\/__sandbox\/behaviour$/, handler: updateBehaviour },
  { method: 'POST', pattern: /^\/__sandbox\/faults$/, handler: addFaults },
  { method: 'DELETE', pattern: /^\/__sandbox\/faults$/, handler: ({ res, faults }) => { faults.clear(); sendJson(res, 200, { ok: true }); } },
  { method: 'POST', pattern: /^\/__sandbox\/reset$/, handler: reset },
  { method: 'POST', pattern: /^\/__sandbox\/lines$/, handler: addLine },
  { method: 'PATCH', pattern: /^\/__sandbox\/lines\/([^/]+)$/, handler: updateLine },
  { method: 'POST', pattern: /^\/__sandbox\/chats$/, handler: addChat },
  {
    method: 'DELETE',
    pattern: /^\/__sandbox\/chats\/([^/]+)$/,
    handler: ({ res, params, store }) => {
      if (!store.removeChat(params[0]!)) throw new LinqApiError(404, 2001, 'Chat not found');
      sendJson(res, 200, { ok: true });
    },
  },
  { method: 'POST', pattern: /^\/__sandbox\/chats\/([^/]+)\/customer-reply$/, handler: simulateMessage('inbound') },
  { method: 'POST', pattern: /^\/__sandbox\/chats\/([^/]+)\/outbound-elsewhere$/, handler: simulateMessage('outbound') },
  { method: 'GET', pattern: /^\/__sandbox\/webhook-deliveries$/, handler: webhookDeliveries },
  { method: 'GET', pattern: /^\/__sandbox\/webhook-subscriptions$/, handler: webhookSubscriptions },
  { method: 'GET', pattern: /^\/cdn\/contact-card\/([a-f0-9]{64})$/, handler: image },
];
