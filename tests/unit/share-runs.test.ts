import { describe, expect, it } from 'vitest';
import type { LinqErrorFacts } from '@/lib/linq/error-facts';
import { describeLinqError } from '@/lib/linq/errors';
import { SHARE_TIMEOUT_MS } from '@/lib/linq/limits';
import { describeScope } from '@/lib/runs/describe-scope';
import { describeDuration, estimateSeconds, runPace } from '@/lib/runs/estimate';
import { itemOutcome, MAX_ATTEMPTS, reasonLabel, recordedOutcome, type RecordedAttempt } from '@/lib/runs/outcome';
import { isMoving, runPhase, runTitle } from '@/lib/runs/phase';
import { reportLines, reportSentence } from '@/lib/runs/report';
import { holdReleasableAt, RELEASE_MARGIN_MS } from '@/lib/shares/hold-release';
import type { ShareResult } from '@/lib/shares/share-chat';
import { describeOwnedWorkPause } from '@/lib/staff/owned-work';
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

  it('names reasons in words, never as a form to correct', () => {
    expect(reasonLabel('cooldown')).toBe('shared within the cooldown');
    expect(reasonLabel('linq_3006')).toBe('Linq had an unexpected error (3006)');
    expect(reasonLabel('linq_1005')).toBe('Linq refused the request (1005)');
    expect(reasonLabel('linq_2012')).toBe('No contact card is set up for this number (2012)');
    expect(reasonLabel('http_502')).toBe('Linq was unavailable (HTTP 502)');
    expect(reasonLabel('http_400')).toBe('Linq refused the request (HTTP 400)');
    expect(reasonLabel('linq_timeout')).toBe('Linq did not answer in time');
    expect(reasonLabel('in_other_run')).toBe('already in a run in progress');
    expect(reasonLabel(null)).toBe('other');
  });

  it('a share’s failure sentence never asks staff to check what they entered', () => {
    for (const code of [1001, 1003, 1004, 1005, 1008]) {
      const described = describeLinqError({ kind: 'api', status: 400, code }, { purpose: 'share' });
      expect(`${described.message} ${described.nextStep}`).not.toMatch(/check|entered|form/i);
      expect(described.message).toBe(`Linq refused the request (code ${code}).`);
    }
    // The card form keeps its own wording, and the rate limit says to wait.
    expect(describeLinqError({ kind: 'api', status: 400, code: 1005 }).nextStep).toMatch(/Check what you entered/);
    expect(describeLinqError({ kind: 'api', status: 429, code: 1007, retryAfterSeconds: 3 }, { purpose: 'share' }).nextStep).toMatch(/Wait about 3 seconds/);
  });
});

describe('settling an attempt a stopped console left behind, from its recorded event', () => {
  const event = (outcome: RecordedAttempt['outcome'], facts: Partial<RecordedAttempt> = {}): RecordedAttempt => ({
    outcome,
    reason: null,
    httpStatus: null,
    linqCode: null,
    ...facts,
  });

  it('keeps what the event says happened', () => {
    expect(recordedOutcome(event('SUCCEEDED'), 1)).toEqual({ state: 'SHARED', reason: null });
    expect(recordedOutcome(event('REFUSED', { reason: 'cooldown' }), 1)).toEqual({ state: 'REFUSED', reason: 'cooldown' });
    expect(recordedOutcome(event('UNKNOWN', { reason: 'interrupted' }), 1)).toEqual({ state: 'UNKNOWN', reason: 'interrupted' });
  });

  it('gives a passing failure a time to be tried again, so the chat is never stuck waiting', () => {
    expect(recordedOutcome(event('FAILED', { reason: 'http_503', httpStatus: 503 }), 1)).toEqual({ state: 'RETRY', reason: 'http_503', retryInMs: 30_000 });
    expect(recordedOutcome(event('FAILED', { reason: 'linq_3006', httpStatus: 500, linqCode: 3006 }), MAX_ATTEMPTS)).toEqual({
      state: 'FAILED',
      reason: 'linq_3006',
    });
    expect(recordedOutcome(event('FAILED', { reason: 'linq_connection' }), 2)).toEqual({ state: 'RETRY', reason: 'linq_connection', retryInMs: 120_000 });
    expect(recordedOutcome(event('FAILED', { reason: 'console_error' }), 1)).toMatchObject({ state: 'RETRY', retryInMs: 30_000 });
    expect(recordedOutcome(event('FAILED', { reason: 'linq_2012', httpStatus: 404, linqCode: 2012 }), 1)).toEqual({ state: 'FAILED', reason: 'linq_2012' });
    // A 429 puts the chat back in line.
    expect(recordedOutcome(event('FAILED', { reason: 'linq_1007', httpStatus: 429, linqCode: 1007 }), 1)).toMatchObject({ state: 'PENDING' });
  });
});

describe('what a run is doing, one state at a time', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  const facts = { status: 'RUNNING' as const, pausedUntil: null, pausedReason: null, owner: 'Olive', moving: 3, retries: { chats: 0, at: null, reason: null } };

  it('says Linq’s pause and the retries with their reason instead of "Running", with no time left while it cannot move', () => {
    expect(runPhase({ ...facts, pausedUntil: new Date('2026-12-01T12:00:30Z') }, now)).toEqual({ kind: 'paused_by_linq', until: '2026-12-01T12:00:30.000Z' });
    const retrying = runPhase({ ...facts, moving: 0, retries: { chats: 2, at: new Date('2026-12-01T12:00:50Z'), reason: 'http_503' } }, now);
    expect(retrying).toEqual({ kind: 'retrying', chats: 2, at: '2026-12-01T12:00:50.000Z', reason: 'http_503' });
    expect(isMoving(retrying)).toBe(false);
    expect(runPhase({ ...facts, moving: 1, retries: { chats: 2, at: new Date('2026-12-01T12:00:50Z'), reason: 'http_503' } }, now)).toEqual({
      kind: 'running',
    });
    expect(runPhase({ ...facts, pausedUntil: new Date('2026-12-01T11:59:00Z') }, now)).toEqual({ kind: 'running' });
  });

  it('tells a staff pause from an owner who can no longer share', () => {
    expect(runPhase({ ...facts, status: 'PAUSED', pausedReason: 'staff' }, now)).toEqual({ kind: 'paused_by_staff' });
    expect(runPhase({ ...facts, status: 'PAUSED', pausedReason: 'owner' }, now)).toEqual({ kind: 'paused_for_owner', owner: 'Olive' });
    expect(runTitle({ source: 'SCHEDULED', schedulePhone: '+14155550100', scheduleDate: '2026-12-01' }, 'Olive')).toBe(
      'Daily re-share of +14155550100 for 2026-12-01 (set up by Olive)',
    );
    expect(runTitle({ source: 'BULK', schedulePhone: null, scheduleDate: null }, 'Olive')).toBe('Bulk share by Olive');
  });

  it('names what disabling someone will pause', () => {
    expect(describeOwnedWorkPause('Casey', { runs: 1, schedules: 2, automatic: 0 })).toBe(
      'Casey has 1 run in progress and 2 daily re-shares: they will be paused until an admin takes them over.',
    );
    expect(describeOwnedWorkPause('Casey', { runs: 1, schedules: 2, automatic: 1 })).toBe(
      'Casey has 1 run in progress, 2 daily re-shares and 1 automatic share: they will be paused until an admin takes them over.',
    );
    expect(describeOwnedWorkPause('Casey', { runs: 0, schedules: 1, automatic: 0 })).toBe(
      'Casey has 1 daily re-share: it will be paused until an admin takes it over.',
    );
    expect(describeOwnedWorkPause('Casey', { runs: 0, schedules: 0, automatic: 0 })).toBeNull();
  });
});

describe('releasing a hold after an unknown outcome', () => {
  it('waits until the share can no longer reach Linq: its time limit and a margin after it was sent', () => {
    const created = new Date('2026-12-01T12:00:00Z');
    // Gave up after 20 s waiting: sent at 12:00:01, releasable 20 s + 60 s later.
    expect(holdReleasableAt({ createdAt: created, completedAt: new Date('2026-12-01T12:00:21Z'), latencyMs: 20_000 })).toEqual(
      new Date('2026-12-01T12:01:21Z'),
    );
    // Cut off by a stop (no wait measured): from when it was settled.
    expect(holdReleasableAt({ createdAt: created, completedAt: new Date('2026-12-01T12:05:00Z'), latencyMs: null })).toEqual(new Date('2026-12-01T12:06:20Z'));
    expect(SHARE_TIMEOUT_MS + RELEASE_MARGIN_MS).toBe(80_000);
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
    expect(reportSentence(lines)).toBe(
      'Shared 4,812; refused 37: shared within the cooldown 30, no active card 7; failed 3: Linq had an unexpected error (3006)',
    );
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
