import { describe, expect, it } from 'vitest';
import {
  clientAddress,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ADDRESS,
  throttleVerdict,
} from '@/lib/auth/throttle';

const now = new Date('2026-11-24T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe('throttleVerdict', () => {
  it('allows attempts below both limits', () => {
    expect(throttleVerdict({ account: MAX_FAILURES_PER_ACCOUNT - 1, address: MAX_FAILURES_PER_ADDRESS - 1, oldestFailureAt: minutesAgo(1) }, now)).toEqual({ allowed: true });
  });

  it('refuses an account at its limit until its oldest counted failure leaves the window', () => {
    expect(throttleVerdict({ account: MAX_FAILURES_PER_ACCOUNT, address: 0, oldestFailureAt: minutesAgo(3) }, now)).toEqual({ allowed: false, retryAfterMinutes: 12 });
  });

  it('refuses an address at its limit, whatever the account', () => {
    expect(throttleVerdict({ account: 0, address: MAX_FAILURES_PER_ADDRESS, oldestFailureAt: minutesAgo(14.5) }, now)).toEqual({ allowed: false, retryAfterMinutes: 1 });
  });

  it('never asks to wait less than a minute', () => {
    expect(throttleVerdict({ account: 9, address: 0, oldestFailureAt: minutesAgo(15) }, now)).toEqual({ allowed: false, retryAfterMinutes: 1 });
  });
});

describe('clientAddress', () => {
  it('takes the first forwarded address, then x-real-ip, else unknown', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '203.0.113.9, 10.0.0.1' }))).toBe('203.0.113.9');
    expect(clientAddress(new Headers({ 'x-real-ip': '198.51.100.2' }))).toBe('198.51.100.2');
    expect(clientAddress(new Headers())).toBe('unknown');
  });
});
