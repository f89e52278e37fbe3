import path from 'node:path';
import { z } from 'zod';
import { parseTrustedProxies, type TrustedProxies } from '@/lib/client-address';
import { LOG_LEVELS } from '@/lib/observability/levels';

/** Linq's production base URL, as the official SDK defaults to it. */
export const LINQ_PRODUCTION_BASE_URL = 'https://api.linqapp.com/api/partner';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const portNumber = z.coerce
  .number<string>({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const port = (fallback: number) => optionalString.pipe(portNumber.optional()).transform((value) => value ?? fallback);

const settingsSchema = z
  .object({
    DATA_DIR: optionalString,
    DATABASE_URL: optionalString.refine(
      (value) => value === undefined || /^(pglite:|postgres(ql)?:\/\/)/.test(value),
      'must start with "pglite:" (embedded) or "postgresql://" (a PostgreSQL server)',
    ),
    AUTH_SECRET: optionalString.refine(
      (value) => value === undefined || value.length >= 32,
      'must be at least 32 characters long (try: openssl rand -base64 32)',
    ),
    ADMIN_EMAIL: optionalString.pipe(z.email('must be an email address').optional()),
    ADMIN_PASSWORD: optionalString.refine((value) => value === undefined || value.length >= 12, 'must be at least 12 characters long'),
    LINQ_API_KEY: optionalString,
    LINQ_API_BASE_URL: optionalString.pipe(z.url('must be a URL such as https://api.linqapp.com/api/partner').optional()),
    PUBLIC_BASE_URL: optionalString.pipe(z.url('must be a URL such as https://console.example.com').optional()),
    PORT: port(3000),
    SANDBOX_PORT: port(4010),
    SANDBOX_CHATS: optionalString
      .pipe(
        z.coerce
          .number<string>({ error: 'must be a whole number' })
          .int('must be a whole number')
          .min(0, 'must be 0 or more')
          .max(100_000, 'must be at most 100000')
          .optional(),
      )
      .transform((value) => value ?? 300),
    EMBEDDED_DB_PORT: optionalString.pipe(portNumber.optional()),
    EMBEDDED_DB_PASSWORD: optionalString.refine((value) => value === undefined || value.length >= 12, 'must be at least 12 characters long'),
    EMBEDDED_DB_ALLOW_IN_PRODUCTION: optionalString.pipe(z.enum(['true', 'false'], { error: 'must be "true" or "false"' }).optional()),
    NODE_ENV: optionalString,
    CHAT_SYNC_INTERVAL_MINUTES: optionalString
      .pipe(
        z.coerce
          .number<string>({ error: 'must be a whole number of minutes' })
          .int('must be a whole number of minutes')
          .min(1, 'must be at least 1')
          .max(1440, 'must be at most 1440 (a day)')
          .optional(),
      )
      .transform((value) => value ?? 30),
    BACKGROUND_JOBS: optionalString
      .pipe(z.enum(['on', 'off'], { error: 'must be "on" (this instance runs background jobs) or "off" (it only serves pages)' }).optional())
      .transform((value) => value ?? 'on'),
    LINQ_WEBHOOK_SECRET: optionalString.refine(
      (value) => value === undefined || /^whsec_[A-Za-z0-9+/=]+$/.test(value),
      "must be the subscription's signing secret as Linq shows it (whsec_…)",
    ),
    TRUSTED_PROXIES: optionalString.refine(
      (value) => parseTrustedProxies(value) !== null,
      'must be the number of proxies in front of the console (e.g. 1) or their addresses and ranges (e.g. 10.0.0.0/8, 192.168.1.5)',
    ),
    SECRETS_KEY: optionalString.refine(
      (value) => value === undefined || value.length >= 32,
      'must be at least 32 characters long (try: openssl rand -base64 32)',
    ),
    SHARE_COOLDOWN_HOURS: optionalString
      .pipe(
        z.coerce.number<string>({ error: 'must be a number of hours' }).positive('must be more than 0').max(720, 'must be at most 720 (30 days)').optional(),
      )
      .transform((value) => value ?? 24),
    SHARE_RUN_CONCURRENCY: optionalString
      .pipe(
        z.coerce
          .number<string>({ error: 'must be a whole number' })
          .int('must be a whole number')
          .min(1, 'must be at least 1')
          .max(16, 'must be at most 16')
          .optional(),
      )
      .transform((value) => value ?? 4),
    TIMELINE_RETENTION_DAYS: optionalString
      .pipe(
        z.coerce
          .number<string>({ error: 'must be a whole number of days' })
          .int('must be a whole number of days')
          .min(8, 'must be at least 8 (Impact looks 7 days past a share)')
          .max(3650, 'must be at most 3650 (ten years)')
          .optional(),
      )
      .transform((value) => value ?? 180),
    SHARE_HISTORY_MONTHS: optionalString.pipe(
      z.coerce
        .number<string>({ error: 'must be a whole number of months' })
        .int('must be a whole number of months')
        .min(4, 'must be at least 4 (Impact reads 13 weeks of shares and the week after them)')
        .max(1200, 'must be at most 1200')
        .optional(),
    ),
    WEBHOOK_RETENTION_DAYS: optionalString
      .pipe(
        z.coerce
          .number<string>({ error: 'must be a whole number of days' })
          .int('must be a whole number of days')
          .min(1, 'must be at least 1 (a repeat from Linq must be recognised)')
          .max(365, 'must be at most 365')
          .optional(),
      )
      .transform((value) => value ?? 7),
    LOG_LEVEL: optionalString.pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).optional()),
    LOG_FORMAT: optionalString.pipe(z.enum(['json', 'pretty'], { error: 'must be "json" (one object per line) or "pretty" (for people)' }).optional()),
    METRICS_TOKEN: optionalString.refine(
      (value) => value === undefined || value.length >= 24,
      'must be at least 24 characters long (try: openssl rand -hex 24)',
    ),
    AUTO_SHARE_MINUTE_MS: optionalString
      .pipe(
        z.coerce
          .number<string>({ error: 'must be a whole number of milliseconds' })
          .int('must be a whole number of milliseconds')
          .min(100, 'must be at least 100')
          .max(60_000, 'must be at most 60000')
          .optional(),
      )
      .transform((value) => value ?? 60_000),
  })
  .superRefine((value, ctx) => {
    if (Boolean(value.ADMIN_EMAIL) !== Boolean(value.ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: [value.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'],
        message: 'must be set together with ' + (value.ADMIN_EMAIL ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD'),
      });
    }
  });

export type DatabaseTarget = { kind: 'embedded'; dataDir: string } | { kind: 'postgres'; url: string };

export type LinqTarget =
  /** `startLocal`: the app runs the sandbox itself, unless LINQ_API_BASE_URL points at one. */
  { mode: 'sandbox'; apiKey: string; baseUrl: string; startLocal: boolean } | { mode: 'live'; apiKey: string; baseUrl: string };

export interface Settings {
  dataDir: string;
  database: DatabaseTarget;
  authSecret: string | undefined;
  firstAdmin: { email: string; password: string } | undefined;
  linq: LinqTarget;
  publicBaseUrl: string;
  port: number;
  sandboxPort: number;
  /** How many demo chats the local sandbox generates on its first start. */
  sandboxChats: number;
  embeddedDbPort: number | undefined;
  /** The password clients of EMBEDDED_DB_PORT must give; generated into DATA_DIR when unset. */
  embeddedDbPassword: string | undefined;
  /** A chat receives the card at most once in this window (Linq recommends once a day). */
  shareCooldownMs: number;
  /** A full sync of the chat index starts this long after the last one ended. */
  chatSyncIntervalMs: number;
  /** Shares in flight at once in each bulk or scheduled run. */
  shareRunConcurrency: number;
  /** Days the conversation timeline (when each side wrote, no content) is kept for Impact. */
  timelineRetentionDays: number;
  /** How long a minute of an automatic share's delay lasts: 60 000, shorter only to compress a benchmark. */
  autoShareMinuteMs: number;
  /** False: this instance serves pages only and runs no background jobs. */
  backgroundJobs: boolean;
  /** The signing secret of a webhook subscription made outside the console. */
  linqWebhookSecret: string | undefined;
  /** Encrypts secrets at rest (the webhook signing secret); derived from AUTH_SECRET when unset. */
  secretsKey: string | undefined;
  /** Which X-Forwarded-For entries to believe when telling a client's address (sign-in throttling). */
  trustedProxies: TrustedProxies;
  /** Months share events are kept (their daily totals per number stay); undefined: kept for ever. */
  shareHistoryMonths: number | undefined;
  /** Days webhook deliveries are kept (the delivery log, and recognising Linq's repeats). */
  webhookRetentionDays: number;
  /** The bearer token Prometheus presents at /api/metrics; unset: the endpoint does not exist. */
  metricsToken: string | undefined;
}

/** A setting that stops start-up; `message` is one sentence a person can act on. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The key the app presents to its own local sandbox; the sandbox accepts only this one. */
export const SANDBOX_API_KEY = 'sandbox-local-key';

/** Pure: validates raw environment variables into settings, or throws one ConfigError. */
export function parseSettings(raw: Record<string, string | undefined>, cwd = process.cwd()): Settings {
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'configuration');
    throw new ConfigError(`Invalid setting ${name}: ${issue.message}.`);
  }
  const s = parsed.data;
  const dataDir = path.resolve(cwd, s.DATA_DIR ?? '.data');
  if (s.EMBEDDED_DB_PORT && s.NODE_ENV === 'production' && s.EMBEDDED_DB_ALLOW_IN_PRODUCTION !== 'true') {
    throw new ConfigError(
      'Invalid setting EMBEDDED_DB_PORT: it opens the embedded database to other programs, which is for development; unset it, or set EMBEDDED_DB_ALLOW_IN_PRODUCTION=true to serve it anyway (loopback only, password required).',
    );
  }

  const database: DatabaseTarget = s.DATABASE_URL?.startsWith('pglite:')
    ? { kind: 'embedded', dataDir: path.resolve(cwd, s.DATABASE_URL.slice('pglite:'.length) || path.join(dataDir, 'db')) }
    : s.DATABASE_URL
      ? { kind: 'postgres', url: s.DATABASE_URL }
      : { kind: 'embedded', dataDir: path.join(dataDir, 'db') };

  const linq: LinqTarget = s.LINQ_API_KEY
    ? { mode: 'live', apiKey: s.LINQ_API_KEY, baseUrl: s.LINQ_API_BASE_URL ?? LINQ_PRODUCTION_BASE_URL }
    : {
        mode: 'sandbox',
        apiKey: SANDBOX_API_KEY,
        baseUrl: s.LINQ_API_BASE_URL ?? `http://127.0.0.1:${s.SANDBOX_PORT}/api/partner`,
        startLocal: !s.LINQ_API_BASE_URL,
      };

  return {
    dataDir,
    database,
    authSecret: s.AUTH_SECRET,
    firstAdmin: s.ADMIN_EMAIL && s.ADMIN_PASSWORD ? { email: s.ADMIN_EMAIL.toLowerCase(), password: s.ADMIN_PASSWORD } : undefined,
    linq,
    publicBaseUrl: (s.PUBLIC_BASE_URL ?? `http://localhost:${s.PORT}`).replace(/\/+$/, ''),
    port: s.PORT,
    sandboxPort: s.SANDBOX_PORT,
    sandboxChats: s.SANDBOX_CHATS,
    embeddedDbPort: s.EMBEDDED_DB_PORT,
    embeddedDbPassword: s.EMBEDDED_DB_PASSWORD,
    shareCooldownMs: Math.round(s.SHARE_COOLDOWN_HOURS * 3_600_000),
    chatSyncIntervalMs: s.CHAT_SYNC_INTERVAL_MINUTES * 60_000,
    shareRunConcurrency: s.SHARE_RUN_CONCURRENCY,
    timelineRetentionDays: s.TIMELINE_RETENTION_DAYS,
    autoShareMinuteMs: s.AUTO_SHARE_MINUTE_MS,
    backgroundJobs: s.BACKGROUND_JOBS === 'on',
    linqWebhookSecret: s.LINQ_WEBHOOK_SECRET,
    secretsKey: s.SECRETS_KEY,
    trustedProxies: parseTrustedProxies(s.TRUSTED_PROXIES)!,
    shareHistoryMonths: s.SHARE_HISTORY_MONTHS,
    webhookRetentionDays: s.WEBHOOK_RETENTION_DAYS,
    metricsToken: s.METRICS_TOKEN,
  };
}

let cached: Settings | undefined;

/** The app's settings, validated once per process. */
export function getSettings(): Settings {
  cached ??= parseSettings(process.env);
  return cached;
}
