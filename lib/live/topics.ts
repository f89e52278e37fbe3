import { can, type Permission, type Role } from '@/lib/roles';

// What the console announces to open pages, and who may hear it. An event says only what kind of
// thing changed and which ids: never a name, a number's customer or a message. The pages then read
// what they show through their own routes, which check the session as always.

/** Each topic and the permission needed to be told of it. */
export const LIVE_TOPICS = {
  /** A chat's facts, its share state or a share made (the Chats page, its counts, a chat's history). */
  chats: 'view',
  /** A sending number: its card status, Linq's flag (the Cards pages; eligibility on the Chats page). */
  cards: 'view',
  /** The chat index's sync: status and progress. */
  index: 'view',
  /** A share run's progress (its page, the Overview's runs in progress). */
  runs: 'view',
  /** Webhook deliveries received and applied (Settings). */
  deliveries: 'manageSettings',
  /** Background jobs started and ended (Settings). */
  jobs: 'manageSettings',
  /** Automatic shares: a number's rule, what waits, the account-wide pause (card pages, Settings). */
  auto: 'view',
  /** Saved views of the Chats page (the navigation's list): each page reads only those it may see. */
  views: 'view',
  /** Alerts raised and sent, and the channels' last delivery (Settings → Alerts, History). */
  alerts: 'manageSettings',
  /** Staff accounts and sign-outs (Staff); every stream re-checks its own session on it. */
  staff: 'manageStaff',
} as const satisfies Record<string, Permission>;

export type LiveTopic = keyof typeof LIVE_TOPICS;

export interface LiveEvent {
  /** The event's place in the database's sequence: the stream's event id, for Last-Event-ID. */
  seq: number;
  topic: LiveTopic;
  /** What changed; empty when many rows did at once. */
  ids: string[];
}

export function isLiveTopic(value: unknown): value is LiveTopic {
  return typeof value === 'string' && Object.hasOwn(LIVE_TOPICS, value);
}

/** Whether a role may be told of a topic's changes. */
export function mayHear(role: Role, topic: LiveTopic): boolean {
  return can(role, LIVE_TOPICS[topic]);
}

/** A NOTIFY payload from the triggers, or null when it is not one (another sender on the channel). */
export function parseLiveNotification(payload: string | undefined): LiveEvent | null {
  try {
    const value = JSON.parse(payload ?? '') as { seq?: unknown; topic?: unknown; ids?: unknown };
    if (!Number.isSafeInteger(value.seq) || !isLiveTopic(value.topic) || !Array.isArray(value.ids)) return null;
    return { seq: value.seq as number, topic: value.topic, ids: value.ids.filter((id): id is string => typeof id === 'string') };
  } catch {
    return null;
  }
}

/** A Last-Event-ID value (a header or the browser's query parameter) as a sequence number. */
export function parseLastEventId(value: string | null | undefined): number | null {
  if (!value || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
}
