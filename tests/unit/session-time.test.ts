import { describe, expect, it } from 'vitest';
import { SESSION_MAX_AGE_SECONDS, sessionIsCurrent, signInTime } from '@/lib/auth/session-time';

const resetAt = new Date('2026-11-30T12:00:00.700Z');
const resetSecond = Math.floor(resetAt.getTime() / 1000);

describe('session time', () => {
  it('keeps the milliseconds of the sign-in', () => {
    expect(signInTime(resetAt.getTime() + 200)).toBe(resetSecond + 0.9);
  });

  it('a sign-in in the same second but after an "end every session" stays signed in', () => {
    expect(sessionIsCurrent(signInTime(resetAt.getTime() + 200), resetAt, resetAt.getTime() + 300)).toBe(true);
  });

  it('a sign-in in the same second but before it is ended', () => {
    expect(sessionIsCurrent(signInTime(resetAt.getTime() - 500), resetAt, resetAt.getTime() + 300)).toBe(false);
  });

  it('a session with whole seconds (issued before the fraction was kept) is still judged', () => {
    expect(sessionIsCurrent(resetSecond + 1, resetAt, resetAt.getTime() + 2_000)).toBe(true);
    expect(sessionIsCurrent(resetSecond, resetAt, resetAt.getTime() + 2_000)).toBe(false);
  });

  it('ends at the maximum age, whatever else', () => {
    const signedInAt = signInTime(resetAt.getTime());
    const limit = resetAt.getTime() + SESSION_MAX_AGE_SECONDS * 1000;
    expect(sessionIsCurrent(signedInAt, null, limit)).toBe(true);
    expect(sessionIsCurrent(signedInAt, null, limit + 1)).toBe(false);
  });
});
