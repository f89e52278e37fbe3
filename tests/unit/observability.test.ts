import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseSettings } from '@/lib/env';
import { missingMigrations } from '@/lib/health/readiness';
import { endpointTemplate } from '@/lib/linq/observed-fetch';
import { createLogger, logFormat } from '@/lib/observability/log';
import { requestIdFrom, withRequestId } from '@/lib/observability/request-context';
import { maskText, REDACTED, scrubFields } from '@/lib/observability/scrub';

/** A logger writing JSON lines into an array, as a log shipper would read them. */
function capture(env: Parameters<typeof createLogger>[0] = { LOG_FORMAT: 'json' }) {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger(env, sink), lines };
}

describe('log scrubbing', () => {
  it('masks phone numbers and e-mail addresses in any text, keeping enough to tell them apart', () => {
    expect(maskText('Chat with +12025550123 failed')).toBe('Chat with +1…0123 failed');
    expect(maskText('+44 20 7946 0958 and +33612345678')).toBe('+4…0958 and +3…5678');
    expect(maskText('from ada@example.com')).toBe('from a…@example.com');
    expect(maskText('run_mx56pbdn_zo5fy2ff took 20 ms, HTTP 429')).toBe('run_mx56pbdn_zo5fy2ff took 20 ms, HTTP 429');
  });

  it('replaces secrets and content by field name, at any depth, and keeps an error readable', () => {
    const scrubbed = scrubFields({
      password: 'hunter2hunter2',
      headers: { authorization: 'Bearer abc', cookie: 'session=1', accept: 'json' },
      linq: { apiKey: 'key', webhookSecret: 'whsec_x' },
      message: { text: 'Your order has shipped', parts: [{ value: 'hi' }] },
      card: { image_url: 'https://x/y.png', first_name: 'Harbor' },
      err: new Error('Chat +12025550123 not found'),
      at: new Date('2026-12-01T10:00:00Z'),
    }) as Record<string, Record<string, unknown>>;
    expect(scrubbed.password).toBe(REDACTED);
    expect(scrubbed.headers).toEqual({ authorization: REDACTED, cookie: REDACTED, accept: 'json' });
    expect(scrubbed.linq).toEqual({ apiKey: REDACTED, webhookSecret: REDACTED });
    expect(scrubbed.message).toEqual({ text: REDACTED, parts: REDACTED });
    expect(scrubbed.card).toEqual({ image_url: REDACTED, first_name: 'Harbor' });
    expect(scrubbed.err).toMatchObject({ type: 'Error', message: 'Chat +1…0123 not found' });
    expect(scrubbed.at).toBe('2026-12-01T10:00:00.000Z');
  });
});

describe('the logger', () => {
  it('writes one JSON object per line with level, time, message and the request id of the work it belongs to', () => {
    const { log, lines } = capture();
    withRequestId('req-12345678', () => log.info({ status: 200, password: 'secret-value' }, 'request for +12025550123'));
    log.warn('outside any request');
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'request for +1…0123', status: 200, password: REDACTED, requestId: 'req-12345678' });
    expect(typeof lines[0]!.time).toBe('string');
    expect(lines[1]).toMatchObject({ level: 'warn', msg: 'outside any request' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });

  it('logs errors with type, message and stack, masked', () => {
    const { log, lines } = capture();
    log.error({ err: new TypeError('no chat +12025550123') }, 'failed');
    expect(lines[0]!.err).toMatchObject({ type: 'TypeError', message: 'no chat +1…0123' });
    expect(JSON.stringify(lines[0])).not.toContain('5550123');
  });

  it('honours LOG_LEVEL, and writes JSON in production and readable lines in development unless LOG_FORMAT says', () => {
    const { log, lines } = capture({ LOG_FORMAT: 'json', LOG_LEVEL: 'warn' });
    log.info('dropped');
    log.error('kept');
    expect(lines.map((l) => l.msg)).toEqual(['kept']);
    expect(logFormat({ NODE_ENV: 'production' })).toBe('json');
    expect(logFormat({ NODE_ENV: 'development' })).toBe('pretty');
    expect(logFormat({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' })).toBe('pretty');
  });

  it('refuses a misspelt level or format at start, with the choices', () => {
    expect(() => parseSettings({ LOG_LEVEL: 'verbose' })).toThrow('Invalid setting LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent.');
    expect(() => parseSettings({ LOG_FORMAT: 'text' })).toThrow(/Invalid setting LOG_FORMAT/);
    expect(() => parseSettings({ METRICS_TOKEN: 'short' })).toThrow(/Invalid setting METRICS_TOKEN: must be at least 24 characters/);
    expect(parseSettings({}).metricsToken).toBeUndefined();
  });
});

describe('request ids', () => {
  it("keeps a proxy's sane id and replaces anything else", () => {
    expect(requestIdFrom('abc-1234-XYZ')).toBe('abc-1234-XYZ');
    for (const given of [undefined, '', 'short', 'has space in it', 'x'.repeat(65), '<script>alert(1)</script>']) {
      expect(requestIdFrom(given)).toMatch(/^[A-Za-z0-9_-]{16}$/);
    }
  });
});

describe('Linq endpoint templates', () => {
  it('name the endpoint without the ids in it', () => {
    expect(endpointTemplate('http://127.0.0.1:4101/api/partner/v3/chats/3f2a9c1e-77aa-4d1b-9f00-aa11bb22cc33/share_contact_card')).toBe(
      '/v3/chats/{id}/share_contact_card',
    );
    expect(endpointTemplate('https://api.linqapp.com/api/partner/v3/chats?limit=100&cursor=abc')).toBe('/v3/chats');
    expect(endpointTemplate('https://api.linqapp.com/api/partner/v3/chats/chat_123/messages')).toBe('/v3/chats/{id}/messages');
    expect(endpointTemplate('https://api.linqapp.com/api/partner/v3/contact_card?phone_number=%2B12025550123')).toBe('/v3/contact_card');
    expect(endpointTemplate('https://api.linqapp.com/api/partner/v3/webhook_subscriptions/wh_9')).toBe('/v3/webhook_subscriptions/{id}');
  });
});

describe('readiness', () => {
  it('names the migrations the database lacks', () => {
    expect(missingMigrations(['a', 'b', 'c'], new Set(['a', 'c']))).toEqual(['b']);
    expect(missingMigrations(['a'], new Set(['a', 'old']))).toEqual([]);
  });
});

describe('jobs run as part of the request that queued them', () => {
  it('carry its id into their work, and run as well without one, or with no data at all (a scheduled tick)', async () => {
    const { handleAsQueued } = await import('@/lib/queue/work');
    const { currentRequestId } = await import('@/lib/observability/request-context');
    const seen: Array<string | undefined> = [];
    const handle = async () => void seen.push(currentRequestId());
    const job = (data: unknown) => ({ id: 'j', name: 'console.tick', data }) as unknown as Parameters<typeof handleAsQueued>[0];
    await handleAsQueued(job({ requestId: 'req-abcdefgh' }), handle);
    await handleAsQueued(job({}), handle);
    await handleAsQueued(job(null), handle);
    expect(seen).toEqual(['req-abcdefgh', undefined, undefined]);
  });
});
