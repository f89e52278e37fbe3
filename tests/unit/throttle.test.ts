import { describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, ADDRESS_POLICY, delaySeconds, describeWait, throttleVerdict } from '@/lib/auth/throttle';
import { clientAddress, parseTrustedProxies, type TrustedProxies } from '@/lib/client-address';

const now = new Date('2026-11-24T12:00:00Z');
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const none = { failures: 0, lastAt: undefined };

describe('growing delays instead of a lock-out', () => {
  it('lets the free attempts through, then doubles the wait with each failure, up to a ceiling', () => {
    expect([0, 4, 5, 6, 7, 8, 10, 20].map((n) => delaySeconds(n, ACCOUNT_POLICY))).toEqual([0, 0, 1, 2, 4, 8, 32, 60]);
    expect(delaySeconds(40, ADDRESS_POLICY)).toBe(15 * 60);
  });

  it('waits from the latest failure of the account and of the address, whichever is longer', () => {
    expect(throttleVerdict({ account: { failures: 4, lastAt: secondsAgo(0) }, address: none }, now)).toEqual({ allowed: true });
    expect(throttleVerdict({ account: { failures: 8, lastAt: secondsAgo(3) }, address: none }, now)).toEqual({ allowed: false, retryAfterSeconds: 5 });
    expect(throttleVerdict({ account: { failures: 8, lastAt: secondsAgo(9) }, address: none }, now)).toEqual({ allowed: true });
    expect(throttleVerdict({ account: { failures: 6, lastAt: secondsAgo(1) }, address: { failures: 24, lastAt: secondsAgo(1) } }, now)).toEqual({
      allowed: false,
      retryAfterSeconds: 15,
    });
  });

  it('lets the real owner in after at most a minute, however long an attack on the account goes on', () => {
    expect(throttleVerdict({ account: { failures: 5_000, lastAt: secondsAgo(0) }, address: none }, now)).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it('says the wait in words', () => {
    expect(describeWait(1)).toBe('1 second');
    expect(describeWait(45)).toBe('45 seconds');
    expect(describeWait(600)).toBe('10 minutes');
  });
});

describe('the client address', () => {
  const trusting = (raw: string) => parseTrustedProxies(raw) as TrustedProxies;

  it('is the TCP peer by default, whatever X-Forwarded-For claims', () => {
    expect(clientAddress('203.0.113.9', '1.2.3.4', trusting(''))).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', null, trusting('0'))).toBe('203.0.113.9');
    expect(clientAddress(undefined, '1.2.3.4', trusting(''))).toBe('unknown');
  });

  it('behind N trusted proxies, is the entry those proxies added, forged entries to its left ignored', () => {
    // client 198.51.100.7 → proxy 10.0.0.2 → console; the client forged "1.2.3.4".
    expect(clientAddress('10.0.0.2', '1.2.3.4, 198.51.100.7', trusting('1'))).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.3', '1.2.3.4, 198.51.100.7, 10.0.0.2', trusting('2'))).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', null, trusting('1'))).toBe('10.0.0.2');
  });

  it('with a list of proxies, skips only those addresses and ranges, from the right', () => {
    const proxies = trusting('10.0.0.0/8, 192.168.1.5, ::1');
    expect(clientAddress('10.1.2.3', '1.2.3.4, 198.51.100.7, 192.168.1.5', proxies)).toBe('198.51.100.7');
    expect(clientAddress('203.0.113.9', '1.2.3.4', proxies)).toBe('203.0.113.9');
    expect(clientAddress('::1', '10.0.0.9', proxies)).toBe('10.0.0.9');
  });

  it('refuses settings it cannot read', () => {
    expect(parseTrustedProxies('lots')).toBeNull();
    expect(parseTrustedProxies('10.0.0.0/33')).toBeNull();
    expect(parseTrustedProxies('99')).toBeNull();
  });
});
