import { APIConnectionError, APIConnectionTimeoutError, APIError } from '@linqapp/sdk';
import { describe, expect, it } from 'vitest';
import { LINQ_ERROR_MESSAGES } from '@/lib/linq/error-messages';
import { describeLinqError, LinqError, toLinqError } from '@/lib/linq/errors';

// Every code in ../shared/linq-api/REFERENCE.md §3 with its HTTP status, written out here so a
// code missing from the console's table fails this test.
const CATALOGUE: Array<[code: number, status: number]> = [
  [1001, 400],
  [1002, 400],
  [1003, 400],
  [1004, 400],
  [1005, 400],
  [1006, 409],
  [1007, 429],
  [1008, 400],
  [2001, 404],
  [2002, 404],
  [2003, 404],
  [2004, 401],
  [2005, 403],
  [2006, 403],
  [2007, 404],
  [2008, 403],
  [2009, 409],
  [2010, 404],
  [2011, 403],
  [2012, 404],
  [2013, 409],
  [2014, 409],
  [2015, 409],
  [2016, 409],
  [2017, 409],
  [2018, 409],
  [2019, 404],
  [2021, 404],
  [2022, 500],
  [3001, 500],
  [3002, 500],
  [3003, 500],
  [3004, 500],
  [3005, 504],
  [3006, 500],
  [3007, 500],
  [4001, 500],
  [4002, 500],
  [4003, 500],
  [4004, 503],
  [4005, 422],
  [5001, 500],
  [5002, 500],
  [5003, 500],
  [5004, 400],
  [5005, 400],
  [5006, 400],
  [5007, 400],
];

const sentence = /^[A-Z+].*[.)]$/;

describe('the Linq error table', () => {
  it('has an entry for every code in the reference, and none the reference lacks', () => {
    expect(Object.keys(LINQ_ERROR_MESSAGES).map(Number).sort()).toEqual(CATALOGUE.map(([code]) => code).sort());
  });

  it.each(CATALOGUE)('explains %i (HTTP %i) in a sentence with a next step', (code, status) => {
    const described = describeLinqError({ kind: 'api', code, status, traceId: 'abc' }, { phoneNumber: '+14155550100' });
    expect(described.message).toMatch(sentence);
    expect(described.nextStep).toMatch(sentence);
    expect(described.message).not.toMatch(/undefined|null|\{|\}/);
    expect(described.nextStep).not.toMatch(/undefined|null|\{|\}/);
  });

  it('marks the 3xxx server errors and the transient ones as worth retrying, request errors not', () => {
    for (const [code, status] of CATALOGUE) {
      const { retryable } = describeLinqError({ kind: 'api', code, status });
      if (code >= 3001 && code <= 3006) expect(retryable, String(code)).toBe(true);
      if ([1007, 2007, 2009, 2022].includes(code)) expect(retryable, String(code)).toBe(true);
      if (code >= 1001 && code <= 1006) expect(retryable, String(code)).toBe(code === 1007);
    }
  });

  it('names the number when it knows it', () => {
    expect(describeLinqError({ kind: 'api', code: 2012, status: 404 }, { phoneNumber: '+14155550101' })).toEqual({
      message: 'No contact card is set up for +14155550101.',
      nextStep: 'Create one under Contact cards, then try again.',
      retryable: false,
    });
    expect(describeLinqError({ kind: 'api', code: 2012, status: 404 }).message).toBe('No contact card is set up for this number.');
  });

  it('says how long to wait on a rate limit', () => {
    expect(describeLinqError({ kind: 'api', code: 1007, status: 429, retryAfterSeconds: 45 }).nextStep).toBe('Wait about 45 seconds and try again.');
    expect(describeLinqError({ kind: 'api', code: 1007, status: 429, retryAfterSeconds: 1 }).nextStep).toBe('Wait about 1 second and try again.');
    expect(describeLinqError({ kind: 'api', code: 1007, status: 429 }).nextStep).toBe('Wait a minute and try again.');
  });

  it('explains a timeout without claiming the request failed', () => {
    const described = describeLinqError({ kind: 'timeout' });
    expect(described.message).toBe('Linq did not answer in time.');
    expect(described.nextStep).toContain('may still have been carried out');
    expect(describeLinqError({ kind: 'connection' }).nextStep).toContain('LINQ_API_BASE_URL');
  });

  it.each([
    [9999, 400, 'Linq refused the request with an error the console does not know (code 9999).'],
    [9999, 503, 'Linq is having trouble (code 9999).'],
    [undefined, 502, 'Linq is having trouble (HTTP 502).'],
    [undefined, 418, 'Linq refused the request with an error the console does not know (HTTP 418).'],
    [undefined, 401, 'Linq refused the console’s API key.'],
    [undefined, 429, 'Linq is limiting how fast these requests can be made.'],
  ])('still explains an unknown code %s with HTTP %i', (code, status, message) => {
    const described = describeLinqError({ kind: 'api', code, status });
    expect(described.message).toBe(message);
    expect(described.nextStep).toMatch(sentence);
  });
});

describe('toLinqError', () => {
  const envelope = (code: number, extra: Record<string, unknown> = {}) => ({
    success: false,
    error: { status: 429, code, message: 'Rate limited. Try again in 45 seconds.', ...extra },
    trace_id: '2eff5df5c6f688733c007523c4d61cd9',
  });

  it('reads code, status, trace id and retry-after from an SDK error', () => {
    const sdkError = APIError.generate(429, envelope(1007, { retry_after: 45 }), undefined, new Headers({ 'retry-after': '45' }));
    expect(toLinqError(sdkError).facts()).toEqual({
      kind: 'api',
      status: 429,
      code: 1007,
      linqMessage: 'Rate limited. Try again in 45 seconds.',
      traceId: '2eff5df5c6f688733c007523c4d61cd9',
      retryAfterSeconds: 45,
    });
  });

  it('falls back to the Retry-After header, in seconds or as a date', () => {
    expect(toLinqError(APIError.generate(429, envelope(1007), undefined, new Headers({ 'retry-after': '12' }))).retryAfterSeconds).toBe(12);
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    const fromDate = toLinqError(APIError.generate(429, envelope(1007), undefined, new Headers({ 'retry-after': inAMinute }))).retryAfterSeconds;
    expect(fromDate).toBeGreaterThanOrEqual(58);
    expect(fromDate).toBeLessThanOrEqual(60);
  });

  it('copes with a body that is not Linq’s envelope', () => {
    expect(toLinqError(APIError.generate(502, '<html>Bad gateway</html>', undefined, new Headers())).facts()).toMatchObject({
      kind: 'api',
      status: 502,
      code: undefined,
    });
  });

  it('recognises timeouts and connection failures, and leaves other errors alone', () => {
    expect(toLinqError(new APIConnectionTimeoutError()).kind).toBe('timeout');
    expect(toLinqError(new APIConnectionError({ message: 'ECONNREFUSED' })).kind).toBe('connection');
    const existing = new LinqError({ kind: 'timeout' });
    expect(toLinqError(existing)).toBe(existing);
    expect(() => toLinqError(new TypeError('a bug'))).toThrow(TypeError);
  });
});

describe('readLinq', () => {
  it("gives up on a read that hangs, with the timeout sentence, instead of waiting for the SDK's retries", async () => {
    const { readLinq } = await import('@/lib/linq/read');
    const started = Date.now();
    const read = await readLinq(() => new Promise(() => {}), undefined, 50);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(read).toEqual({ ok: false, error: expect.objectContaining({ message: 'Linq did not answer in time.', retryable: true }) });
  });

  it('keeps the Linq code and trace id for the page to show', async () => {
    const { readLinq } = await import('@/lib/linq/read');
    const read = await readLinq(() => Promise.reject(new LinqError({ kind: 'api', status: 503, code: 4004, traceId: 'trace-abc' })));
    expect(read).toEqual({ ok: false, error: expect.objectContaining({ message: 'Linq is temporarily unavailable.', code: 4004, traceId: 'trace-abc' }) });
    expect(await readLinq(async () => 7)).toEqual({ ok: true, value: 7 });
  });
});
