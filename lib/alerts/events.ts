import type { AlertChannelKind, AlertEvent } from '@/generated/prisma/enums';
import { RULE_EVENTS, SILENCE_MINUTES } from '@/lib/validations/alerts';

// What can alert, how it is worded, and how waiting alerts become one message. Pure: the settings
// page, the raise and the send all read this one catalogue.

export type RuledEvent = (typeof RULE_EVENTS)[number];

// Fails to compile if an event of the schema has no place in the forms, or the reverse.
const everyEventRuled: [RuledEvent, Exclude<AlertEvent, 'TEST'>] extends [Exclude<AlertEvent, 'TEST'>, RuledEvent] ? true : never = true;
void everyEventRuled;

interface EventSpec {
  label: string;
  /** On unless an admin turned it off. */
  enabledByDefault: boolean;
  /** The event's threshold, where it has one. */
  minutes?: { default: number; min: number; max: number; label: string };
}

export const ALERT_EVENTS: Record<RuledEvent, EventSpec> = {
  NUMBER_FLAGGED: { label: 'Linq flags a sending number (shares from it stop)', enabledByDefault: true },
  NUMBER_UNFLAGGED: { label: 'A flagged number is active again', enabledByDefault: true },
  WEBHOOKS_SILENT: {
    label: 'No webhook delivery arrives for a while, although webhooks are connected',
    enabledByDefault: true,
    minutes: { ...SILENCE_MINUTES, label: 'Minutes without a delivery' },
  },
  SYNC_FAILING: { label: 'A full sync of the chat index fails twice in a row', enabledByDefault: true },
  RUN_FAILURES: { label: 'A sharing run ends with chats it could not share', enabledByDefault: true },
  CARD_NOT_APPLIED: { label: 'A saved card is still not applied by Linq 10 minutes later', enabledByDefault: true },
  AUTO_SHARES_PAUSED: { label: 'Automatic shares pause (the daily cap is reached, or an admin paused them)', enabledByDefault: true },
};

export const RULED_EVENTS: readonly RuledEvent[] = RULE_EVENTS;

export const CHANNEL_LABELS: Record<AlertChannelKind, string> = { EMAIL: 'Email', SLACK: 'Slack' };

export interface RuleState {
  enabled: boolean;
  minutes: number | null;
}

/** An event's rule: what an admin saved, else its default. */
export function ruleOf(event: RuledEvent, saved: { enabled: boolean; minutes: number | null } | undefined): RuleState {
  const spec = ALERT_EVENTS[event];
  return {
    enabled: saved?.enabled ?? spec.enabledByDefault,
    minutes: spec.minutes ? (saved?.minutes ?? spec.minutes.default) : null,
  };
}

interface AlertForMessage {
  title: string;
  detail: string;
  link: string | null;
  createdAt: Date;
}

export interface AlertMessage {
  subject: string;
  text: string;
}

const PRODUCT = 'Linq console';

/**
 * One message for every alert waiting on a channel: a storm (ten runs ending with failures in a
 * minute) is one email and one Slack post, oldest first, each with its link into the console.
 */
export function composeMessage(alerts: AlertForMessage[], baseUrl: string): AlertMessage {
  const sorted = [...alerts].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const first = sorted[0];
  if (!first) throw new Error('composeMessage needs at least one alert');
  const subject = sorted.length === 1 ? `[${PRODUCT}] ${first.title}` : `[${PRODUCT}] ${sorted.length} alerts: ${first.title}, and ${sorted.length - 1} more`;
  const blocks = sorted.map((alert) =>
    [
      `• ${alert.title}`,
      `  ${alert.detail}`,
      `  ${alert.createdAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`,
      ...(alert.link ? [`  ${baseUrl}${alert.link}`] : []),
    ].join('\n'),
  );
  const footer = `Alerts are set in Settings → Alerts: ${baseUrl}/settings/alerts`;
  return { subject, text: [...blocks, '', footer].join('\n') };
}

/** The Slack-compatible incoming-webhook body (Slack, Mattermost, Rocket.Chat and others read `text`). */
export function slackBody(message: AlertMessage): { text: string } {
  return { text: `*${message.subject}*\n${message.text}` };
}

/** A delivery tried this many times is given up and shown as failed. */
export const MAX_ATTEMPTS = 6;

/** Waits between attempts: 30 s, 1, 2, 4, 8 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 8 * 60_000);
}
