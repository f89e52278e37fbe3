import type { SandboxCard, SandboxChat, SandboxLine, SandboxMessage } from '@/lib/sandbox/types';

// Linq's response shapes, field for field as SDK 0.28.2 types them.

const docUrl = (guide: string, anchor: string) => `https://docs.linqapp.com/guides/${guide}#${anchor.toLowerCase().replace('_', '-')}`;

export function cardJson(card: SandboxCard) {
  return {
    phone_number: card.phone_number,
    first_name: card.first_name,
    ...(card.last_name !== undefined && { last_name: card.last_name }),
    ...(card.image_url !== undefined && { image_url: card.image_url }),
    is_active: card.is_active,
  };
}

export function lineJson(line: SandboxLine) {
  const status = { doc_url: docUrl('phone-numbers/phone-reputation', line.reputation), status: line.reputation };
  return { id: line.id, phone_number: line.phone_number, reputation: status, health_status: status, forwarding_number: null };
}

export function chatJson(chat: SandboxChat) {
  return {
    id: chat.id,
    created_at: chat.created_at,
    display_name: chat.display_name,
    handles: chat.handles,
    health_status: { doc_url: docUrl('chats/chat-health', chat.health), status: chat.health, updated_at: chat.updated_at },
    is_archived: false,
    is_group: chat.is_group,
    updated_at: chat.updated_at,
    group_chat_icon: null,
    service: chat.service,
  };
}

const textParts = (message: SandboxMessage) => [{ type: 'text', value: message.text, reactions: null }];

/** A message as GET /v3/chats/{id}/messages lists it. */
export function messageJson(message: SandboxMessage) {
  const delivered = ['delivered', 'read'].includes(message.delivery_status);
  return {
    id: message.id,
    chat_id: message.chat_id,
    created_at: message.created_at,
    updated_at: message.created_at,
    delivery_status: message.delivery_status,
    is_delivered: delivered,
    is_from_me: message.is_from_me,
    is_read: message.delivery_status === 'read',
    from: message.from_handle.handle,
    from_handle: message.from_handle,
    parts: textParts(message),
    service: message.service,
    preferred_service: null,
    sent_at: message.is_from_me ? message.created_at : null,
    delivered_at: delivered ? message.created_at : null,
    read_at: message.delivery_status === 'read' ? message.created_at : null,
    effect: null,
    reply_to: null,
  };
}

/** A message as the send endpoints return it (SentMessage: no chat_id, no is_from_me). */
export function sentMessageJson(message: SandboxMessage) {
  return {
    id: message.id,
    created_at: message.created_at,
    delivery_status: message.delivery_status,
    is_read: false,
    parts: textParts(message),
    sent_at: null,
    delivered_at: null,
    effect: null,
    from_handle: message.from_handle,
    preferred_service: null,
    reply_to: null,
    service: message.service,
  };
}

/** The data of a message.sent / message.received event in the 2026-02-03 format (MessageEventV2). */
export function messageEventJson(chat: SandboxChat, message: SandboxMessage) {
  const owner = chat.handles.find((h) => h.is_me);
  return {
    id: message.id,
    direction: message.is_from_me ? 'outbound' : 'inbound',
    chat: {
      id: chat.id,
      is_group: chat.is_group,
      owner_handle: owner,
      health_status: { doc_url: docUrl('chats/chat-health', chat.health), status: chat.health, updated_at: chat.updated_at },
    },
    sender_handle: message.from_handle,
    service: message.service,
    parts: [{ type: 'text', value: message.text }],
    sent_at: message.created_at,
    delivered_at: null,
    read_at: null,
    effect: null,
    idempotency_key: message.idempotency_key ?? null,
    preferred_service: null,
    reply_to: null,
  };
}
