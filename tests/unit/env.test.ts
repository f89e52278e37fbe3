import { describe, expect, it } from 'vitest';
import { ConfigError, LINQ_PRODUCTION_BASE_URL, parseSettings, SANDBOX_API_KEY } from '@/lib/env';

const cwd = '/srv/console';

describe('parseSettings', () => {
  it('needs no configuration: embedded database in the data folder, local sandbox, port 3000', () => {
    const settings = parseSettings({}, cwd);
    expect(settings.dataDir).toBe('/srv/console/.data');
    expect(settings.database).toEqual({ kind: 'embedded', dataDir: '/srv/console/.data/db' });
    expect(settings.linq).toEqual({
      mode: 'sandbox',
      apiKey: SANDBOX_API_KEY,
      baseUrl: 'http://127.0.0.1:4010/api/partner',
      startLocal: true,
    });
    expect(settings.port).toBe(3000);
    expect(settings.sandboxChats).toBe(300);
    expect(settings.shareCooldownMs).toBe(24 * 3_600_000);
    expect(parseSettings({ SHARE_COOLDOWN_HOURS: '0.5' }, cwd).shareCooldownMs).toBe(1_800_000);
    expect(settings.publicBaseUrl).toBe('http://localhost:3000');
    expect(settings.firstAdmin).toBeUndefined();
    // Share events are kept for ever unless a number of months is set.
    expect(settings.shareHistoryMonths).toBeUndefined();
    expect(parseSettings({ SHARE_HISTORY_MONTHS: '18' }, cwd).shareHistoryMonths).toBe(18);
    expect(settings.authSecret).toBeUndefined();
  });

  it('reads a pglite: folder relative to the project and a PostgreSQL URL as is', () => {
    expect(parseSettings({ DATABASE_URL: 'pglite:./var/db' }, cwd).database).toEqual({
      kind: 'embedded',
      dataDir: '/srv/console/var/db',
    });
    const url = 'postgresql://console:secret@db.internal:5432/console';
    expect(parseSettings({ DATABASE_URL: url }, cwd).database).toEqual({ kind: 'postgres', url });
  });

  it('uses the real Linq API when a key is set, at the official base URL unless overridden', () => {
    expect(parseSettings({ LINQ_API_KEY: 'live-key' }, cwd).linq).toEqual({
      mode: 'live',
      apiKey: 'live-key',
      baseUrl: LINQ_PRODUCTION_BASE_URL,
    });
    expect(parseSettings({ LINQ_API_KEY: 'k', LINQ_API_BASE_URL: 'https://eu.example.com/api/partner' }, cwd).linq.baseUrl).toBe(
      'https://eu.example.com/api/partner',
    );
  });

  it('points sandbox mode at an external sandbox when only the base URL is set', () => {
    const { linq } = parseSettings({ LINQ_API_BASE_URL: 'http://127.0.0.1:9999/api/partner' }, cwd);
    expect(linq).toMatchObject({ mode: 'sandbox', baseUrl: 'http://127.0.0.1:9999/api/partner', startLocal: false });
  });

  it('treats empty values as unset and trims the trailing slash of PUBLIC_BASE_URL', () => {
    const settings = parseSettings({ DATABASE_URL: '', PORT: '', PUBLIC_BASE_URL: 'https://console.example.com/' }, cwd);
    expect(settings.database.kind).toBe('embedded');
    expect(settings.port).toBe(3000);
    expect(settings.publicBaseUrl).toBe('https://console.example.com');
  });

  it('normalises the first admin email', () => {
    const settings = parseSettings({ ADMIN_EMAIL: 'Boss@Example.com', ADMIN_PASSWORD: 'a-long-password' }, cwd);
    expect(settings.firstAdmin).toEqual({ email: 'boss@example.com', password: 'a-long-password' });
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x' }, 'Invalid setting DATABASE_URL: must start with "pglite:" (embedded) or "postgresql://" (a PostgreSQL server).'],
    [{ AUTH_SECRET: 'short' }, 'Invalid setting AUTH_SECRET: must be at least 32 characters long (try: openssl rand -base64 32).'],
    [{ PORT: 'eighty' }, 'Invalid setting PORT: must be a whole number.'],
    [{ PORT: '70000' }, 'Invalid setting PORT: must be between 1 and 65535.'],
    [{ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'a-long-password' }, 'Invalid setting ADMIN_EMAIL: must be an email address.'],
    [{ ADMIN_EMAIL: 'a@b.co' }, 'Invalid setting ADMIN_PASSWORD: must be set together with ADMIN_EMAIL.'],
    [{ ADMIN_PASSWORD: 'a-long-password' }, 'Invalid setting ADMIN_EMAIL: must be set together with ADMIN_PASSWORD.'],
    [{ ADMIN_EMAIL: 'a@b.co', ADMIN_PASSWORD: 'short' }, 'Invalid setting ADMIN_PASSWORD: must be at least 12 characters long.'],
    [{ PUBLIC_BASE_URL: 'console.example.com' }, 'Invalid setting PUBLIC_BASE_URL: must be a URL such as https://console.example.com.'],
    [{ EMBEDDED_DB_PORT: '0' }, 'Invalid setting EMBEDDED_DB_PORT: must be between 1 and 65535.'],
    [{ EMBEDDED_DB_PASSWORD: 'short' }, 'Invalid setting EMBEDDED_DB_PASSWORD: must be at least 12 characters long.'],
    [
      { EMBEDDED_DB_PORT: '5433', NODE_ENV: 'production' },
      'Invalid setting EMBEDDED_DB_PORT: it opens the embedded database to other programs, which is for development; unset it, or set EMBEDDED_DB_ALLOW_IN_PRODUCTION=true to serve it anyway (loopback only, password required).',
    ],
    [{ SANDBOX_CHATS: 'lots' }, 'Invalid setting SANDBOX_CHATS: must be a whole number.'],
    [{ SHARE_COOLDOWN_HOURS: '0' }, 'Invalid setting SHARE_COOLDOWN_HOURS: must be more than 0.'],
    [{ SHARE_COOLDOWN_HOURS: 'daily' }, 'Invalid setting SHARE_COOLDOWN_HOURS: must be a number of hours.'],
    [{ SANDBOX_CHATS: '1000000' }, 'Invalid setting SANDBOX_CHATS: must be at most 100000.'],
    [{ SHARE_HISTORY_MONTHS: '3' }, 'Invalid setting SHARE_HISTORY_MONTHS: must be at least 4 (Impact reads 13 weeks of shares and the week after them).'],
    [{ SHARE_HISTORY_MONTHS: 'a year' }, 'Invalid setting SHARE_HISTORY_MONTHS: must be a whole number of months.'],
  ])('refuses %o with one clear sentence', (raw, message) => {
    expect(() => parseSettings(raw, cwd)).toThrow(ConfigError);
    expect(() => parseSettings(raw, cwd)).toThrow(message);
  });
});
