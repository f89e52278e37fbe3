import { describe, expect, it } from 'vitest';
import { isSyncDue, RETRY_AFTER_FAILURE_MS } from '@/lib/chats/sync/schedule';

const now = new Date('2026-11-30T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const INTERVAL = 30 * 60_000;

describe('when the next full sync is due', () => {
  it('at once when none ever ended (the index is empty), never while one runs', () => {
    expect(isSyncDue({ running: false, lastFinishedAt: null, lastFailed: false }, now, INTERVAL)).toBe(true);
    expect(isSyncDue({ running: true, lastFinishedAt: null, lastFailed: false }, now, INTERVAL)).toBe(false);
  });

  it('one interval after the last one ended', () => {
    expect(isSyncDue({ running: false, lastFinishedAt: minutesAgo(29), lastFailed: false }, now, INTERVAL)).toBe(false);
    expect(isSyncDue({ running: false, lastFinishedAt: minutesAgo(30), lastFailed: false }, now, INTERVAL)).toBe(true);
  });

  it('sooner after a failure, but not in a loop', () => {
    const retry = RETRY_AFTER_FAILURE_MS / 60_000;
    expect(isSyncDue({ running: false, lastFinishedAt: minutesAgo(retry - 1), lastFailed: true }, now, INTERVAL)).toBe(false);
    expect(isSyncDue({ running: false, lastFinishedAt: minutesAgo(retry), lastFailed: true }, now, INTERVAL)).toBe(true);
    expect(isSyncDue({ running: false, lastFinishedAt: minutesAgo(2), lastFailed: true }, now, 60_000)).toBe(true);
  });
});
