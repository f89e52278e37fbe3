import { z } from 'zod';
import { hasControlCharacters } from '@/lib/validations/safe-text';

// Settings → Alerts: the email channel (SMTP), the Slack-compatible webhook, and which events alert.

const plain = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .refine((value) => !hasControlCharacters(value), 'It has characters that cannot be used here.');

const checkbox = z.preprocess((value) => value === true || value === 'on' || value === 'true', z.boolean());

const email = z.email('Write an email address such as ops@example.com.');

/** Loopback is allowed over plain HTTP (a relay beside the console); anywhere else it must be HTTPS. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;

export const emailChannelSchema = z.object({
  enabled: checkbox,
  host: plain(253, 'A host name is at most 253 characters.')
    .min(1, 'Write the SMTP server’s host name, e.g. smtp.example.com.')
    .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'Write a host name such as smtp.example.com, without http:// or a port.'),
  port: z.coerce
    .number('Write the port as a number, e.g. 587.')
    .int('Write the port as a whole number.')
    .min(1, 'Ports run from 1 to 65535.')
    .max(65_535, 'Ports run from 1 to 65535.'),
  security: z.enum(SMTP_SECURITY, 'Choose how the connection is secured.'),
  username: plain(200, 'The user name is at most 200 characters.'),
  /** Empty: keep the stored password (it is never shown again). */
  password: z.string().max(500, 'The password is at most 500 characters.'),
  clearPassword: checkbox,
  from: email,
  to: plain(1_000, 'List at most 1 000 characters of addresses.')
    .min(1, 'Write at least one address to send alerts to.')
    .transform((value) => value.split(/[,;\s]+/).filter(Boolean))
    .pipe(z.array(email).min(1, 'Write at least one address to send alerts to.').max(20, 'Send to at most 20 addresses; use a list address for more.')),
});

export type EmailChannelInput = z.infer<typeof emailChannelSchema>;
export type EmailChannelField = keyof EmailChannelInput;

export const slackChannelSchema = z.object({
  enabled: checkbox,
  /** Empty: keep the stored address (it is a secret, never shown again). */
  url: z
    .string()
    .trim()
    .max(2_000, 'The address is at most 2 000 characters.')
    .refine((value) => {
      if (!value) return true;
      try {
        const url = new URL(value);
        return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
      } catch {
        return false;
      }
    }, 'Paste the incoming-webhook address Slack gave you; it starts with https://.'),
});

export type SlackChannelInput = z.infer<typeof slackChannelSchema>;
export type SlackChannelField = keyof SlackChannelInput;

export const channelKindSchema = z.enum(['EMAIL', 'SLACK']);

/** "No webhook delivery for N minutes": its bounds and default. */
export const SILENCE_MINUTES = { default: 60, min: 5, max: 24 * 60 } as const;

export const RULE_EVENTS = [
  'NUMBER_FLAGGED',
  'NUMBER_UNFLAGGED',
  'WEBHOOKS_SILENT',
  'SYNC_FAILING',
  'RUN_FAILURES',
  'CARD_NOT_APPLIED',
  'AUTO_SHARES_PAUSED',
] as const;

/** The events form: a checkbox per event (`on_<EVENT>`) and the silence's minutes. */
export const alertRulesSchema = z.object({
  on: z.record(z.enum(RULE_EVENTS), z.boolean()),
  silenceMinutes: z.coerce
    .number('Write the minutes as a number.')
    .int('Write the minutes as a whole number.')
    .min(SILENCE_MINUTES.min, `Use ${SILENCE_MINUTES.min} minutes or more: deliveries can be minutes apart on a quiet account.`)
    .max(SILENCE_MINUTES.max, 'Use at most 1 440 minutes (a day).'),
});

export type AlertRulesInput = z.infer<typeof alertRulesSchema>;

/** Reads the events form's fields into what alertRulesSchema checks. */
export function alertRulesFields(form: FormData): unknown {
  return {
    on: Object.fromEntries(RULE_EVENTS.map((event) => [event, form.get(`on_${event}`) === 'on'])),
    silenceMinutes: form.get('silenceMinutes') ?? '',
  };
}
