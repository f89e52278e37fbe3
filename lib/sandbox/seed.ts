import { AREA_CODES, EMAIL_DOMAINS, FIRST_NAMES, GROUP_NAMES, INBOUND_TEXTS, LAST_NAMES, OUTBOUND_TEXTS } from '@/lib/sandbox/demo-content';
import { SeededRandom } from '@/lib/sandbox/random';
import type { Health, SandboxChat, SandboxHandle, SandboxMessage, SandboxState, Service } from '@/lib/sandbox/types';

/** The demo account's three lines: one with an active card, one without, one whose card is not active. */
export const DEMO_LINES = {
  withActiveCard: '+14155550100',
  withoutCard: '+14155550101',
  withInactiveCard: '+14155550102',
} as const;

const DAY = 86_400_000;

export interface SeedOptions {
  chatCount: number;
  seed?: number;
  /** "Now" for the generated timestamps; chats are spread over the 60 days before it. */
  now?: number;
}

function recipientHandle(random: SeededRandom): { handle: string; isEmail: boolean } {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  if (random.chance(0.3)) {
    return { handle: `${first}.${last}${random.int(1, 99)}@${random.pick(EMAIL_DOMAINS)}`.toLowerCase(), isEmail: true };
  }
  return { handle: `+1${random.pick(AREA_CODES)}55501${String(random.int(0, 99)).padStart(2, '0')}`, isEmail: false };
}

function makeHandle(random: SeededRandom, handle: string, service: Service, isMe: boolean, joinedAt: string): SandboxHandle {
  return { id: random.uuid(), handle, joined_at: joinedAt, service, is_me: isMe, left_at: null, status: 'active' };
}

function makeMessages(random: SeededRandom, chat: SandboxChat, withOutbound: boolean, start: number): SandboxMessage[] {
  const me = chat.handles.find((h) => h.is_me)!;
  const others = chat.handles.filter((h) => !h.is_me);
  const count = random.int(1, 6);
  // A chat with outbound activity has at least one message from the business, anywhere in it.
  const outboundAt = withOutbound ? random.int(0, count - 1) : -1;
  const messages: SandboxMessage[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    at += random.int(2, 600) * 60_000;
    const fromMe = i === outboundAt || (withOutbound && random.chance(0.3));
    const text = fromMe ? random.pick(OUTBOUND_TEXTS).replace('{n}', String(random.int(1000, 9999))) : random.pick(INBOUND_TEXTS);
    messages.push({
      id: random.uuid(),
      chat_id: chat.id,
      created_at: new Date(at).toISOString(),
      is_from_me: fromMe,
      text,
      service: chat.service ?? 'iMessage',
      from_handle: fromMe ? me : random.pick(others),
      delivery_status: fromMe ? random.pick(['delivered', 'read'] as const) : 'received',
    });
  }
  return messages;
}

/** Generates a deterministic demo account: lines, cards and `chatCount` chats with messages. */
export function seedState({ chatCount, seed = 20261124, now = Date.now() }: SeedOptions): SandboxState {
  const random = new SeededRandom(seed);
  const lines = [DEMO_LINES.withActiveCard, DEMO_LINES.withoutCard, DEMO_LINES.withInactiveCard].map((phone) => ({
    id: random.uuid(),
    phone_number: phone,
    reputation: 'HEALTHY' as const,
  }));
  const state: SandboxState = {
    version: 1,
    lines,
    cards: {
      [DEMO_LINES.withActiveCard]: { phone_number: DEMO_LINES.withActiveCard, first_name: 'Northwind', last_name: 'Coffee', is_active: true },
      [DEMO_LINES.withInactiveCard]: { phone_number: DEMO_LINES.withInactiveCard, first_name: 'Northwind', last_name: 'Deliveries', is_active: false },
    },
    chats: [],
    messages: {},
    shares: [],
  };

  for (let i = 0; i < chatCount; i++) {
    const line = lines[i % lines.length]!.phone_number;
    // At least 3 days back: a chat's messages span up to 60 hours and must not lie in the future.
    const createdAt = now - random.int(3, 60) * DAY + random.int(0, DAY / 60_000) * 60_000;
    const isGroup = random.chance(0.08);
    const recipients = Array.from({ length: isGroup ? random.int(2, 4) : 1 }, () => recipientHandle(random));
    const service: Service | null = recipients.some((r) => r.isEmail) ? 'iMessage' : random.weighted({ iMessage: 60, SMS: 25, RCS: 15 });
    const joinedAt = new Date(createdAt).toISOString();
    const chat: SandboxChat = {
      id: random.uuid(),
      created_at: joinedAt,
      updated_at: joinedAt,
      display_name: isGroup && random.chance(0.5) ? random.pick(GROUP_NAMES) : recipients.map((r) => r.handle).join(', '),
      handles: [makeHandle(random, line, service, true, joinedAt), ...recipients.map((r) => makeHandle(random, r.handle, service, false, joinedAt))],
      health: random.weighted<Health>({ HEALTHY: 75, AT_RISK: 10, CRITICAL: 7, OPTED_OUT: 8 }),
      is_group: isGroup,
      service,
    };
    const messages = makeMessages(random, chat, random.chance(0.7), createdAt);
    // A few chats the business has left: Linq refuses to act on them (409/2013).
    if (random.chance(0.01)) Object.assign(chat.handles[0]!, { status: 'left', left_at: messages[messages.length - 1]!.created_at });
    chat.updated_at = messages[messages.length - 1]!.created_at;
    state.chats.push(chat);
    state.messages[chat.id] = messages;
  }
  return state;
}
