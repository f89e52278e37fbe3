import type { Chat } from '@linqapp/sdk/resources/chats/chats';
import type { SetContactCard } from '@linqapp/sdk/resources/contact-card';
import type { Message } from '@linqapp/sdk/resources/messages';
import type { PhoneNumberListResponse } from '@linqapp/sdk/resources/phone-numbers';
import type { ChatHandle } from '@linqapp/sdk/resources/shared';
import type { WebhookSubscription } from '@linqapp/sdk/resources/webhook-subscriptions';
import {
  CHAT_HEALTH_STATUSES,
  type ChatHealth,
  type LinqChat,
  type LinqContactCard,
  type LinqMessage,
  type LinqPhoneNumber,
  type LinqWebhookSubscription,
} from '@/lib/linq/types';

function toHealth(value: unknown): ChatHealth | null {
  return (CHAT_HEALTH_STATUSES as readonly unknown[]).includes(value) ? (value as ChatHealth) : null;
}

export function toPhoneNumber(raw: PhoneNumberListResponse.PhoneNumber): LinqPhoneNumber {
  return { id: raw.id, phoneNumber: raw.phone_number, reputation: raw.reputation?.status ?? null };
}

export function toContactCard(raw: SetContactCard): LinqContactCard {
  return {
    phoneNumber: raw.phone_number,
    firstName: raw.first_name,
    lastName: raw.last_name || null,
    imageUrl: raw.image_url || null,
    isActive: raw.is_active === true,
  };
}

function toHandle(raw: ChatHandle) {
  return { handle: raw.handle, service: raw.service ?? null, isMe: raw.is_me === true, status: raw.status ?? null };
}

export function toChat(raw: Chat): LinqChat {
  return {
    id: raw.id,
    displayName: raw.display_name ?? null,
    service: raw.service ?? null,
    isGroup: raw.is_group === true,
    health: toHealth(raw.health_status?.status),
    handles: (raw.handles ?? []).map(toHandle),
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
  };
}

export function toMessage(raw: Message): LinqMessage {
  const text = raw.parts?.find((part) => part.type === 'text');
  return {
    id: raw.id,
    // `from_handle.is_me` says the same thing; either marks an outbound message.
    isFromMe: raw.is_from_me === true || raw.from_handle?.is_me === true,
    createdAt: raw.created_at,
    text: text && 'value' in text ? text.value : null,
  };
}

export function toWebhookSubscription(raw: WebhookSubscription): LinqWebhookSubscription {
  return { id: raw.id, targetUrl: raw.target_url, events: [...(raw.subscribed_events ?? [])], isActive: raw.is_active !== false, createdAt: raw.created_at };
}
