import { randomUUID } from 'node:crypto';
import { isE164, LinqApiError, requireObject, sendJson } from '@/lib/sandbox/http';
import type { Route, RouteContext } from '@/lib/sandbox/router';
import { requireChat } from '@/lib/sandbox/routes/chats';
import { chatJson, messageEventJson } from '@/lib/sandbox/serialize';
import type { Health, SandboxChat, SandboxHandle, SandboxMessage, Service } from '@/lib/sandbox/types';

// /__sandbox/chats: chats seeded exactly as a test needs them, removed, and messages that did not
// go through the API (a customer's reply, a message sent from a phone), announced as Linq does.

const SERVICES: readonly Service[] = ['iMessage', 'SMS', 'RCS'];
const HEALTH: readonly Health[] = ['HEALTHY', 'AT_RISK', 'CRITICAL', 'OPTED_OUT'];

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
  const handle = (h: string, isMe: boolean): SandboxHandle => ({
    id: randomUUID(),
    handle: String(h),
    joined_at: at(0),
    service: service ?? 'iMessage',
    is_me: isMe,
    left_at: null,
    status: 'active',
  });
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

export const chatRoutes: Route[] = [
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
];
