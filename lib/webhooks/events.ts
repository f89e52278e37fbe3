// What each webhook event means for the chat index. Pure: the delivery is verified and stored
// before this runs, and lib/webhooks/apply.ts carries the plan out.
import { z } from 'zod';
import { maskText } from '@/lib/observability/scrub';

/** The events the console subscribes to; anything else is recorded and ignored. */
export const SUBSCRIBED_EVENTS = [
  'message.sent',
  'message.received',
  'message.failed',
  'chat.created',
  'participant.added',
  'participant.removed',
  'phone_number.status_updated',
] as const;

export type IndexChange =
  /** The business sent a message: the chat has an outbound message from now on. */
  | { kind: 'outbound'; chatId: string; at: Date }
  /** The customer wrote. */
  | { kind: 'inbound'; chatId: string; at: Date }
  /** The chat changed (or was created): read it from Linq, whose answer is trusted over the event's. */
  | { kind: 'refresh'; chatId: string }
  | { kind: 'line_status'; phoneNumber: string; status: 'ACTIVE' | 'FLAGGED'; changedAt: Date; reputation: string | null }
  /** Kept in the delivery record only (message.failed). */
  | { kind: 'record'; note: string }
  | { kind: 'ignore' };

const isoDate = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

const envelope = z.object({
  event_type: z.string(),
  event_id: z.string().optional(),
  created_at: isoDate.optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

export type WebhookEnvelope = z.infer<typeof envelope>;

/** The envelope of a verified delivery, or null when it is not one. */
export function parseEnvelope(payload: unknown): WebhookEnvelope | null {
  const parsed = envelope.safeParse(payload);
  return parsed.success ? parsed.data : null;
}

// 2026-02-03 payloads put the chat under data.chat; older ones used data.chat_id or data.message.
const messageData = z.object({
  chat: z.object({ id: z.string() }).optional(),
  chat_id: z.string().optional(),
  message: z.object({ chat_id: z.string().optional(), sent_at: isoDate.nullish(), created_at: isoDate.nullish() }).optional(),
  sent_at: isoDate.nullish(),
});

function messageChange(kind: 'outbound' | 'inbound', event: WebhookEnvelope): IndexChange {
  const data = messageData.parse(event.data ?? {});
  const chatId = data.chat?.id ?? data.chat_id ?? data.message?.chat_id;
  const at = data.sent_at ?? data.message?.sent_at ?? data.message?.created_at ?? event.created_at;
  if (!chatId || !at) throw new Error(`A ${event.event_type} event without its chat or time.`);
  return { kind, chatId, at };
}

const participantData = z.object({ chat_id: z.string() });
// chat.created carries the chat itself; older payloads put it under data.chat.
const chatCreatedData = z.object({ id: z.string().optional(), chat: z.object({ id: z.string() }).optional(), chat_id: z.string().optional() });
const lineData = z.object({
  phone_number: z.string(),
  new_status: z.enum(['ACTIVE', 'FLAGGED']),
  changed_at: isoDate.optional(),
  new_reputation: z.string().optional(),
});
const failedData = z.object({ code: z.number(), chat_id: z.string().optional(), reason: z.string().nullish() });

/** What the event changes in the index. Throws when a subscribed event lacks what it must carry. */
export function planChange(event: WebhookEnvelope): IndexChange {
  switch (event.event_type) {
    case 'message.sent':
      return messageChange('outbound', event);
    case 'message.received':
      return messageChange('inbound', event);
    case 'chat.created': {
      const data = chatCreatedData.parse(event.data ?? {});
      const chatId = data.id ?? data.chat?.id ?? data.chat_id;
      if (!chatId) throw new Error('A chat.created event without its chat.');
      return { kind: 'refresh', chatId };
    }
    case 'participant.added':
    case 'participant.removed':
      return { kind: 'refresh', chatId: participantData.parse(event.data ?? {}).chat_id };
    case 'phone_number.status_updated': {
      const data = lineData.parse(event.data ?? {});
      const changedAt = data.changed_at ?? event.created_at;
      if (!changedAt) throw new Error('A phone_number.status_updated event without its time.');
      return { kind: 'line_status', phoneNumber: data.phone_number, status: data.new_status, changedAt, reputation: data.new_reputation ?? null };
    }
    case 'message.failed': {
      const data = failedData.parse(event.data ?? {});
      return {
        kind: 'record',
        note: `Linq could not deliver a message${data.chat_id ? ` in chat ${data.chat_id}` : ''} (code ${data.code}${data.reason ? `: ${data.reason}` : ''}).`,
      };
    }
    default:
      return { kind: 'ignore' };
  }
}

/** What a payload is about, for the delivery log and to apply each chat's deliveries in order: "chat:<id>", "line:<number>", or null. */
export function subjectOfEvent(payload: unknown): string | null {
  return subjectOfEnvelope(parseEnvelope(payload));
}

/** The same, for an envelope already parsed. */
export function subjectOfEnvelope(event: WebhookEnvelope | null): string | null {
  try {
    const change = event && planChange(event);
    if (change && 'chatId' in change) return `chat:${change.chatId}`;
    if (change && 'phoneNumber' in change) return `line:${change.phoneNumber}`;
  } catch {
    // Applying it records why it cannot be read.
  }
  return null;
}

/** "chat:<id>" → a chat; "line:<number>" → one of the account's numbers. */
export type DeliverySubject = { kind: 'chat'; chatId: string } | { kind: 'line'; phoneNumber: string } | null;

export function parseSubject(subject: string | null): DeliverySubject {
  if (subject?.startsWith('chat:')) return { kind: 'chat', chatId: subject.slice('chat:'.length) };
  if (subject?.startsWith('line:')) return { kind: 'line', phoneNumber: subject.slice('line:'.length) };
  return null;
}

/** A payload as an admin may read it in the delivery log: indented, every phone number and e-mail address masked. */
export function maskedPayload(payload: unknown): string {
  return maskText(JSON.stringify(payload, null, 2));
}

/** How far ahead of its arrival an event's own time is believed (clocks differ a little). */
export const EVENT_CLOCK_SKEW_MS = 5 * 60_000;

/** An event's time, never later than it arrived (plus the skew): a signed 2099 cannot pin a fact. */
export function clampEventTime(at: Date, receivedAt: Date): Date {
  const latest = receivedAt.getTime() + EVENT_CLOCK_SKEW_MS;
  return at.getTime() > latest ? new Date(latest) : at;
}
