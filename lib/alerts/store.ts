import 'server-only';
import type { AlertChannelKind } from '@/generated/prisma/enums';
import { ALERT_EVENTS, RULED_EVENTS, ruleOf, type RuledEvent, type RuleState } from '@/lib/alerts/events';
import { openConsoleSecret, sealConsoleSecret } from '@/lib/auth/console-secrets';
import { db } from '@/lib/db';
import type { AlertRulesInput, EmailChannelInput, SlackChannelInput } from '@/lib/validations/alerts';

// Settings → Alerts as stored: each event's rule, and the two channels. A channel's secret (the
// SMTP password, the Slack address) is sealed and never leaves the server again.

export async function readRules(): Promise<Record<RuledEvent, RuleState>> {
  const saved = await db.alertRule.findMany();
  const byEvent = new Map(saved.map((row) => [row.event, row]));
  return Object.fromEntries(RULED_EVENTS.map((event) => [event, ruleOf(event, byEvent.get(event))])) as Record<RuledEvent, RuleState>;
}

export async function readRule(event: RuledEvent): Promise<RuleState> {
  return ruleOf(event, (await db.alertRule.findUnique({ where: { event } })) ?? undefined);
}

/** What History records of the rules: the events on, and the silence's minutes. */
function describeRules(rules: Record<RuledEvent, RuleState>) {
  return { on: RULED_EVENTS.filter((event) => rules[event].enabled), silenceMinutes: rules.WEBHOOKS_SILENT.minutes };
}

export async function saveRules(input: AlertRulesInput, actorId: string): Promise<void> {
  const before = await readRules();
  await db.$transaction(async (tx) => {
    for (const event of RULED_EVENTS) {
      const row = { enabled: input.on[event] ?? false, minutes: ALERT_EVENTS[event].minutes ? input.silenceMinutes : null, updatedById: actorId };
      await tx.alertRule.upsert({ where: { event }, create: { event, ...row }, update: row });
    }
    const after = Object.fromEntries(RULED_EVENTS.map((event) => [event, ruleOf(event, { enabled: input.on[event] ?? false, minutes: input.silenceMinutes })]));
    await tx.settingsChange.create({
      data: { kind: 'ALERT_EVENTS_CHANGED', actorId, before: describeRules(before), after: describeRules(after as Record<RuledEvent, RuleState>) },
    });
  });
}

export interface EmailSettings {
  host: string;
  port: number;
  security: 'starttls' | 'tls' | 'none';
  username: string;
  from: string;
  to: string[];
}

/** What the page shows of a channel: never its secret. */
export interface ChannelView {
  kind: AlertChannelKind;
  configured: boolean;
  enabled: boolean;
  email: (EmailSettings & { hasPassword: boolean }) | null;
  /** SLACK: the webhook's host, to recognise it by. */
  slackHost: string | null;
  lastDeliveredAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

export async function readChannels(): Promise<Record<AlertChannelKind, ChannelView>> {
  const rows = await db.alertChannel.findMany();
  const view = (kind: AlertChannelKind): ChannelView => {
    const row = rows.find((r) => r.kind === kind);
    const settings = (row?.settings ?? {}) as Partial<EmailSettings> & { host?: string };
    return {
      kind,
      configured: Boolean(row),
      enabled: row?.enabled ?? false,
      email: row && kind === 'EMAIL' ? { ...(settings as EmailSettings), hasPassword: row.secretCiphertext !== null } : null,
      slackHost: row && kind === 'SLACK' ? (settings.host ?? null) : null,
      lastDeliveredAt: row?.lastDeliveredAt ?? null,
      lastError: row?.lastError ?? null,
      lastErrorAt: row?.lastErrorAt ?? null,
    };
  };
  return { EMAIL: view('EMAIL'), SLACK: view('SLACK') };
}

/** What History records of a channel: its settings and whether it has a secret, never the secret. */
function describeChannel(row: { enabled: boolean; settings: unknown; secretCiphertext: string | null } | null) {
  if (!row) return null;
  return { enabled: row.enabled, ...(row.settings as object), secret: row.secretCiphertext ? 'stored' : 'none' };
}

async function saveChannel(
  kind: AlertChannelKind,
  change: { enabled: boolean; settings?: object; secretCiphertext?: string | null },
  actorId: string,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.alertChannel.findUnique({ where: { kind } });
    const row = { ...change, updatedById: actorId };
    const after = await tx.alertChannel.upsert({ where: { kind }, create: { kind, settings: {}, ...row }, update: row });
    await tx.settingsChange.create({
      data: {
        kind: 'ALERT_CHANNEL_CHANGED',
        actorId,
        subject: kind === 'EMAIL' ? 'Email alerts' : 'Slack alerts',
        before: describeChannel(before) ?? undefined,
        after: describeChannel(after) ?? undefined,
      },
    });
  });
}

export async function saveEmailChannel(input: EmailChannelInput, actorId: string): Promise<void> {
  const settings: EmailSettings = { host: input.host, port: input.port, security: input.security, username: input.username, from: input.from, to: input.to };
  const secret = input.password ? { secretCiphertext: sealConsoleSecret(input.password) } : input.clearPassword ? { secretCiphertext: null } : {};
  await saveChannel('EMAIL', { enabled: input.enabled, settings: { ...settings }, ...secret }, actorId);
}

/** False when there is no stored address and none was given. */
export async function saveSlackChannel(input: SlackChannelInput, actorId: string): Promise<boolean> {
  const stored = await db.alertChannel.findUnique({ where: { kind: 'SLACK' }, select: { kind: true } });
  if (!input.url && !stored) return false;
  const fromUrl = input.url ? { settings: { host: new URL(input.url).host }, secretCiphertext: sealConsoleSecret(input.url) } : {};
  await saveChannel('SLACK', { enabled: input.enabled, ...fromUrl }, actorId);
  return true;
}

export type ChannelTarget = { kind: 'EMAIL'; settings: EmailSettings; password: string | null } | { kind: 'SLACK'; url: string };

/** A channel as the sender needs it (its secret opened); null when it is missing, off, or its secret cannot be opened. */
export async function channelTarget(kind: AlertChannelKind, { evenIfOff = false } = {}): Promise<ChannelTarget | null> {
  const row = await db.alertChannel.findUnique({ where: { kind } });
  if (!row || (!row.enabled && !evenIfOff)) return null;
  const secret = row.secretCiphertext ? openConsoleSecret(row.secretCiphertext) : null;
  if (kind === 'SLACK') return secret ? { kind, url: secret } : null;
  return { kind, settings: row.settings as unknown as EmailSettings, password: secret };
}

/** The channels alerts go to now. */
export async function enabledChannels(): Promise<AlertChannelKind[]> {
  return (await db.alertChannel.findMany({ where: { enabled: true }, select: { kind: true } })).map((row) => row.kind);
}

export async function recordChannelResult(kind: AlertChannelKind, at: Date, error: string | null): Promise<void> {
  await db.alertChannel.update({
    where: { kind },
    data: error === null ? { lastDeliveredAt: at, lastError: null, lastErrorAt: null } : { lastError: error, lastErrorAt: at },
  });
}
