import { isE164, LinqApiError, page, parseCursor, parseLimit, sendJson, sendNoContent } from '@/lib/sandbox/http';
import type { Route, RouteContext } from '@/lib/sandbox/router';
import { chatJson, messageJson } from '@/lib/sandbox/serialize';
import type { SandboxChat } from '@/lib/sandbox/types';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function requireChat(context: RouteContext): SandboxChat {
  const chat = context.store.chat(context.params[0]!);
  if (!chat) throw new LinqApiError(404, 2001, 'Chat not found');
  return chat;
}

/** Every interaction endpoint refuses a chat the business's line has left. */
export function requireNotLeft(chat: SandboxChat): void {
  if (chat.handles.some((h) => h.is_me && h.status !== 'active')) throw new LinqApiError(409, 2013, 'This chat is unavailable');
}

function listChats({ res, query, store }: RouteContext) {
  const from = query.get('from') ?? undefined;
  const to = query.get('to') ?? undefined;
  if (from !== undefined && !isE164(from)) throw new LinqApiError(400, 1002, 'Phone number must be in E.164 format');
  if (from !== undefined && !store.isLine(from)) throw new LinqApiError(403, 2006, 'Phone number permission denied');
  if (to !== undefined && !isE164(to) && !EMAIL.test(to)) throw new LinqApiError(400, 1002, 'Phone number must be in E.164 format');
  const limit = parseLimit(query, 20);
  // The SDK sends the original filters again with each cursor; they are re-applied here.
  const { items, next_cursor } = page(store.chats({ from, to }), parseCursor(query), limit);
  sendJson(res, 200, { chats: items.map(chatJson), next_cursor });
}

function getChat(context: RouteContext) {
  sendJson(context.res, 200, chatJson(requireChat(context)));
}

function listMessages(context: RouteContext) {
  const chat = requireChat(context);
  const limit = parseLimit(context.query, 50);
  const { items, next_cursor } = page(context.store.messages(chat.id), parseCursor(context.query), limit);
  sendJson(context.res, 200, { messages: items.map(messageJson), next_cursor });
}

function shareContactCard(context: RouteContext) {
  const { store, behaviour } = context;
  const chat = requireChat(context);
  requireNotLeft(chat);
  const from = chat.handles.find((h) => h.is_me)!.handle;
  const card = store.card(from);
  if (!card) throw new LinqApiError(404, 2012, 'Contact card not found');
  if (!card.is_active && behaviour.inactiveCardShare === 'not_found') throw new LinqApiError(404, 2012, 'Contact card not found');

  // What Linq does in these two cases is not documented: "has no effect" may be silent.
  const isImessage = chat.service === 'iMessage';
  const hasOutbound = store.messages(chat.id).some((m) => m.is_from_me);
  if (!isImessage && behaviour.nonImessageShare === 'conflict') {
    throw new LinqApiError(409, 2017, "Operation not supported on this chat's service type");
  }
  if (!hasOutbound && behaviour.noOutboundShare === 'conflict') {
    throw new LinqApiError(409, 2015, 'Operation conflicts with current state');
  }
  store.recordShare({ chat_id: chat.id, from, at: new Date().toISOString(), effective: isImessage && hasOutbound && card.is_active });
  sendNoContent(context.res);
}

const CHAT = '([^/]+)';

export const chatRoutes: Route[] = [
  { method: 'GET', pattern: /^\/v3\/chats$/, handler: listChats },
  { method: 'GET', pattern: new RegExp(`^/v3/chats/${CHAT}$`), handler: getChat },
  { method: 'GET', pattern: new RegExp(`^/v3/chats/${CHAT}/messages$`), handler: listMessages },
  { method: 'POST', pattern: new RegExp(`^/v3/chats/${CHAT}/share_contact_card$`), handler: shareContactCard },
];
