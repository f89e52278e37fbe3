import { describe, expect, it } from 'vitest';
import type { LinqErrorFacts } from '@/lib/linq/errors';
import { describeScope } from '@/lib/runs/describe-scope';
import { describeDuration, estimateSeconds, runPace } from '@/lib/runs/estimate';
import { itemOutcome, MAX_ATTEMPTS, reasonLabel } from '@/lib/runs/outcome';
import { reportLines, reportSentence } from '@/lib/runs/report';
import type { ShareResult } from '@/lib/shares/share-chat';
import { chatPageQuerySchema } from '@/lib/validations/chats';

const failed = (facts: Partial<LinqErrorFacts>): ShareResult =>
  ({ status: 'failed', eventId: 'e', message: 'm', nextStep: 'n', facts: { kind: 'api', ...facts } }) as ShareResult;

describe('what a share’s result means for a run', () => {
  it('keeps shared, refused and unknown outcomes as they are', () => {
    expect(itemOutcome({ status: 'shared', eventId: 'e' } as ShareResult, 1)).toEqual({ state: 'SHARED', reason: null });
    expect(itemOutcome({ status: 'refused', eventId: 'e', reason: 'r', code: 'cooldown' } as ShareResult, 1)).toEqual({ state: 'REFUSED', reason: 'cooldown' });
    expect(itemOutcome({ status: 'unknown', eventId: 'e' } as ShareResult, 1)).toEqual({ state: 'UNKNOWN', reason: 'timeout' });
  });

  it('pauses the whole run on a 429 for Linq’s Retry-After (30 s without one), without spending an attempt', () => {
    expect(itemOutcome(failed({ status: 429, code: 1007, retryAfterSeconds: 12 }), 1)).toEqual({ state: 'PENDING', reason: null, pauseSeconds: 12 });
    expect(itemOutcome(failed({ status: 429 }), MAX_ATTEMPTS)).toMatchObject({ state: 'PENDING', pauseSeconds: 30 });
  });

  it('retries a 5xx or a lost connection later, twice, then records the failure with Linq’s code', () => {
    expect(itemOutcome(failed({ status: 503, code: 4004 }), 1)).toEqual({ state: 'RETRY', reason: 'linq_4004', retryInMs: 30_000 });
    expect(itemOutcome(failed({ kind: 'connection' }), 2)).toEqual({ state: 'RETRY', reason: 'linq_connection', retryInMs: 120_000 });
    expect(itemOutcome(failed({ status: 500, code: 3006 }), 3)).toEqual({ state: 'FAILED', reason: 'linq_3006' });
  });

  it('fails at once on what trying again cannot fix', () => {
    expect(itemOutcome(failed({ status: 404, code: 2012 }), 1)).toEqual({ state: 'FAILED', reason: 'linq_2012' });
    expect(itemOutcome(failed({ status: 403 }), 1)).toEqual({ state: 'FAILED', reason: 'http_403' });
  });

  it('names reasons in words', () => {
    expect(reasonLabel('cooldown')).toBe('shared within the cooldown');
    expect(reasonLabel('linq_3006')).toBe('Linq 3006');
    expect(reasonLabel('http_502')).toBe('HTTP 502');
    expect(reasonLabel(null)).toBe('other');
  });
});

describe('a run’s report', () => {
  it('groups items by outcome and reason, largest first, in one sentence', () => {
    const lines = reportLines([
      { state: 'SHARED', reason: null, count: 4812 },
      { state: 'REFUSED', reason: 'no_card', count: 7 },
      { state: 'REFUSED', reason: 'cooldown', count: 30 },
      { state: 'FAILED', reason: 'linq_3006', count: 3 },
      { state: 'SKIPPED', reason: 'not_imessage', count: 0 },
    ]);
    expect(lines.map((line) => [line.section, line.count])).toEqual([
      ['SHARED', 4812],
      ['REFUSED', 37],
      ['FAILED', 3],
    ]);
    expect(reportSentence(lines)).toBe('Shared 4,812, refused 37 (shared within the cooldown 30, no active card 7), failed 3 (Linq 3006)');
  });

  it('counts chats still in line as waiting, whatever failed last time', () => {
    const lines = reportLines([
      { state: 'PENDING', reason: null, count: 5 },
      { state: 'RETRY', reason: 'linq_4004', count: 2 },
      { state: 'SENDING', reason: null, count: 1 },
    ]);
    expect(lines).toEqual([{ section: 'WAITING', count: 8, reasons: [] }]);
    expect(reportSentence([])).toBe('No chats.');
  });
});

describe('how long a run takes', () => {
  it('estimates from the round trips per share and the concurrency', () => {
    // 1 000 chats × 2 calls × 50 ms ÷ 4 at a time.
    expect(estimateSeconds(1_000, 4, 50)).toBe(25);
    expect(estimateSeconds(0, 4)).toBe(0);
    expect(estimateSeconds(10, 0, 1_000)).toBe(20);
  });

  it('says durations in words', () => {
    expect(describeDuration(20)).toBe('under a minute');
    expect(describeDuration(60)).toBe('about 1 minute');
    expect(describeDuration(25 * 60)).toBe('about 25 minutes');
    expect(describeDuration(2 * 3600 + 10 * 60)).toBe('about 2 hours 10 minutes');
    expect(describeDuration(3600)).toBe('about 1 hour');
  });

  it('measures the pace once there is something to measure', () => {
    expect(runPace(0, 100, 60_000)).toEqual({ perMinute: null, secondsLeft: null });
    expect(runPace(120, 240, 60_000)).toEqual({ perMinute: 120, secondsLeft: 120 });
    expect(runPace(10, 0, 5_000)).toEqual({ perMinute: 120, secondsLeft: 0 });
  });
});

describe('what a run covers, in words', () => {
  it('links back to the filter, the earlier run or the number', () => {
    expect(describeScope({ kind: 'filter', query: chatPageQuerySchema.parse({ show: 'eligible', from: '+14155550100' }) })).toEqual({
      text: 'Every chat matching a filter of the Chats page',
      href: expect.stringMatching(/^\/chats\?.*show=eligible/),
    });
    expect(describeScope({ kind: 'chats', chatIds: ['a', 'b'] }).text).toBe('2 chats picked on the Chats page');
    expect(describeScope({ kind: 'retry', fromRunId: 'run_1' }).href).toBe('/runs/run_1');
    expect(describeScope({ kind: 'schedule', phoneNumber: '+14155550100', onlyRepliedChats: true })).toEqual({
      text: 'The daily re-share of +14155550100: its eligible chats where the customer has written, except critical ones',
      href: '/cards/%2B14155550100',
    });
  });
});
