import { describe, expect, inject, it } from 'vitest';
import { ACCOUNT_POLICY, ADDRESS_POLICY } from '@/lib/auth/throttle';
import { startTestConsole } from '../support/console-harness';

// The throttle's check and record are one step: however many attempts arrive at once, exactly the
// free ones go ahead. And an attack on an account slows it down without locking its owner out.

async function attempts(email: string, address: string, count: number, now = new Date()) {
  const { beginLoginAttempt } = await import('@/lib/auth/login-attempts');
  return Promise.all(Array.from({ length: count }, () => beginLoginAttempt(email, address, now)));
}

for (const database of ['embedded', 'postgres'] as const) {
  const postgresAdminUrl = inject('postgresAdminUrl');
  describe.runIf(database === 'embedded' || postgresAdminUrl)(`sign-in throttling on the ${database} database`, () => {
    const h = startTestConsole(database === 'postgres' ? { postgresAdminUrl } : {});

    it.each([15, 40])('lets exactly the free attempts through when %i arrive at once for one account', async (count) => {
      const email = `race-${count}@example.com`;
      const results = await attempts(email, `198.51.100.${count}`, count);
      expect(results.filter((r) => r.allowed)).toHaveLength(ACCOUNT_POLICY.free);
      expect(await h.db.loginAttempt.count({ where: { email } })).toBe(ACCOUNT_POLICY.free);
    });

    it('slows one address guessing many accounts, whatever it claims to be', async () => {
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => attempts(`someone-${i}@example.com`, '203.0.113.50', 1)));
      expect(results.flat().filter((r) => r.allowed)).toHaveLength(ADDRESS_POLICY.free);
    });

    it('lets the owner in after a short wait while others guess from many addresses, and a success clears the count', async () => {
      const { beginLoginAttempt, finishLoginAttempt } = await import('@/lib/auth/login-attempts');
      const email = 'owner@example.com';
      const start = new Date('2026-11-30T10:00:00Z');
      for (let i = 0; i < 40; i++) {
        const at = new Date(start.getTime() + i * 61_000);
        const attempt = await beginLoginAttempt(email, `192.0.2.${i}`, at);
        if (attempt.allowed) await finishLoginAttempt(attempt.attemptId, false);
      }
      const lastGuess = new Date(start.getTime() + 39 * 61_000);
      const tooSoon = await beginLoginAttempt(email, '198.51.100.200', new Date(lastGuess.getTime() + 1_000));
      expect(tooSoon).toEqual({ allowed: false, retryAfterSeconds: ACCOUNT_POLICY.maxSeconds - 1 });
      const owner = await beginLoginAttempt(email, '198.51.100.200', new Date(lastGuess.getTime() + ACCOUNT_POLICY.maxSeconds * 1000));
      if (!owner.allowed) throw new Error('the owner should get in');
      await finishLoginAttempt(owner.attemptId, true);
      const next = await beginLoginAttempt(email, '192.0.2.99', new Date(lastGuess.getTime() + ACCOUNT_POLICY.maxSeconds * 1000 + 1));
      expect(next.allowed).toBe(true);
    });
  });
}
