import { randomUUID } from 'node:crypto';
import { isE164, LinqApiError, requireObject, sendJson } from '@/lib/sandbox/http';
import type { Route, RouteContext } from '@/lib/sandbox/router';
import { requireChat, requireNotLeft } from '@/lib/sandbox/routes/chats';
import { chatJson, messageEventJson, sentMessageJson } from '@/lib/sandbox/serialize';
import type { SandboxChat, SandboxHandle, SandboxMessage, Service } from '@/lib/sandbox/types';

const SERVICES: readonly Service[] = ['iMessage', 'SMS', 'RCS'];
const URL_IN_TEXT = /https?:\/\/|www\./i;

interface ParsedContent {
  text: string;
  hasLink: boolean;
  idempotencyKey?: string;
  preferredService?: Service;
}

/** Validates a MessageContent as Linq does (the parts the sandbox models: text, link, media by URL). */
function parseContent(raw: unknown): ParsedContent {
  if (raw === undefined) throw new LinqApiError(400, 1001, 'message is required');
  const message = requireObject(raw);
  const parts = message.parts;
  if (!Array.isArray(parts) || parts.length === 0 || parts.length > 100) throw new LinqApiError(400, 1004, 'message.parts must hold 1 to 100 parts');
  const texts: string[] = [];
  let hasLink = false;
  let previous = '';
  for (const part of parts as Array<Record<string, unknown>>) {
    const type = part?.type;
    if (type === 'text') {
      if (typeof part.value !== 'string' || part.value.length === 0 || part.value.length > 10_000) throw new LinqApiError(400, 1004, 'Invalid text part');
      if (previous === 'text') throw new LinqApiError(400, 1004, 'Consecutive text parts are not allowed');
      texts.push(part.value);
      hasLink ||= URL_IN_TEXT.test(part.value);
    } else if (type === 'link') {
      if (parts.length !== 1 || typeof part.value !== 'string') throw new LinqApiError(400, 1004, 'A link part must be the only part');
      texts.push(part.value);
      hasLink = true;
    } else if (type === 'media') {
      if (typeof part.url !== 'string' && typeof part.attachment_id !== 'string') throw new LinqApiError(400, 1004, 'A media part needs url or attachment_id');
      texts.push('[media]');
    } else {
      throw new LinqApiError(400, 1004, 'Unsupported part type');
    }
    previous = String(type);
  }
  const key = message.idempotency_key;
  if (key !== undefined && (typeof key !== 'string' || key.length > 255)) throw new LinqApiError(400, 1005, 'idempotency_key must be at most 255 characters');
  const preferred = message.preferred_service;
  if (preferred !== undefined && preferred !== null && !SERVICES.includes(preferred as Service)) throw new LinqApiError(400, 1005, 'Invalid preferred_service');
  return { text: texts.join(' '), hasLink, idempotencyKey: key as string | undefined, preferredService: (preferred ?? undefined) as Service | undefined };
}

function outboundMessage(context: RouteContext, chat: SandboxChat, content: ParsedContent): SandboxMessage {
  const me = chat.handles.find((h) => h.is_me)!;
  for (const recipient of chat.handles.filter((h) => !h.is_me)) {
    const wait = context.store.rateLimit(`${me.handle}|${recipient.handle}`, context.behaviour.messageRateLimit);
    if (wait !== undefined) throw new LinqApiError(429, 1007, `Rate limited. Try again in ${wait} seconds.`, wait);
  }
  return {
    id: randomUUID(),
    chat_id: chat.id,
    created_at: new Date().toISOString(),
    is_from_me: true,
    text: content.text,
    service: chat.service ?? 'iMessage',
    from_handle: me,
    delivery_status: 'queued',
    ...(content.idempotencyKey !== undefined && { idempotency_key: content.idempotencyKey }),
  };
}

function createChat(context: RouteContext) {
  const { res, store } = context;
  const body = requireObject(context.body);
  const from = body.from;
  const to = body.to;
  if (from === undefined || to === undefined) throw new LinqApiError(400, 1001, 'from and to are required');
  if (!isE164(from)) throw new LinqApiError(400, 1002, 'Phone number must be in E.164 format');
  if (!Array.isArray(to) || to.length === 0 || !to.every((h) => typeof h === 'string' && (h.includes('@') || isE164(h)))) {
    throw new LinqApiError(400, 1002, 'Phone number must be in E.164 format');
  }
  if (!store.isLine(from)) throw new LinqApiError(403, 2006, 'Phone number permission denied');
  const content = parseContent(body.message);
  const previous = content.idempotencyKey ? store.messageByIdempotencyKey(content.idempotencyKey) : undefined;
  if (previous) return sendJson(res, 200, { chat: { ...chatJson(store.chat(previous.chat_id)!), message: sentMessageJson(previous) } });

  // Chats are reused by line + exact set of recipients (named groups excepted).
  const wanted = [...to]
    .map((h) => h.toLowerCase())
    .sort()
    .join(',');
  let chat = store.chats({ from }).find((c) => {
    const recipients = c.handles.filter((h) => !h.is_me).map((h) => h.handle);
    const named = c.is_group && c.display_name !== recipients.join(', ');
    const same =
      recipients
        .map((h) => h.toLowerCase())
        .sort()
        .join(',') === wanted;
    return same && !named && c.handles.some((h) => h.is_me && h.status === 'active');
  });
  if (!chat) {
    if (content.hasLink) throw new LinqApiError(400, 1005, 'The first message of a new chat cannot contain links');
    const service: Service = to.some((h) => h.includes('@')) ? 'iMessage' : (content.preferredService ?? 'iMessage');
    const now = new Date().toISOString();
    const handle = (h: string, isMe: boolean): SandboxHandle => ({
      id: randomUUID(),
      handle: h,
      joined_at: now,
      service,
      is_me: isMe,
      left_at: null,
      status: 'active',
    });
    chat = {
      id: randomUUID(),
      created_at: now,
      updated_at: now,
      display_name: to.join(', '),
      handles: [handle(from, true), ...to.map((h) => handle(h, false))],
      health: 'HEALTHY',
      is_group: to.length > 1,
      service,
    };
    store.addChat(chat, []);
    context.webhooks.emit('chat.created', chatJson(chat), from);
  }
  const message = outboundMessage(context, chat, content);
  store.addMessage(chat, message);
  context.webhooks.emit('message.sent', messageEventJson(chat, message), from);
  sendJson(res, 201, { chat: { ...chatJson(chat), message: sentMessageJson(message) } });
}

function sendMessage(context: RouteContext) {
  const chat = requireChat(context);
  requireNotLeft(chat);
  const content = parseContent(requireObject(context.body).message);
  const previous = content.idempotencyKey ? context.store.messageByIdempotencyKey(content.idempotencyKey) : undefined;
  if (previous) return sendJson(context.res, 200, { chat_id: previous.chat_id, message: sentMessageJson(previous) });
  const message = outboundMessage(context, chat, content);
  context.store.addMessage(chat, message);
  context.webhooks.emit('message.sent', messageEventJson(chat, message), message.from_handle.handle);
  sendJson(context.res, 200, { chat_id: chat.id, message: sentMessageJson(message) });
}

export const messagingRoutes: Route[] = [
  { method: 'POST', pattern: /^\/v3\/chats$/, handler: createChat },
  { method: 'POST', pattern: /^\/v3\/chats\/([^/]+)\/messages$/, handler: sendMessage },
];
