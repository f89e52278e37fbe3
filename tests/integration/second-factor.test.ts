import { describe, expect, inject, it } from 'vitest';
import { totpCode, totpStep } from '@/lib/auth/totp';
import { startTestConsole } from '../support/console-harness';

// The second factor as stored: a secret confirmed by a first code, codes that work once (even when
// two requests race with the same one), recovery codes spent on use, and every change recorded.

const T0 = Date.UTC(2026, 11, 2, 9, 0, 10);
const STEP_MS = 30_000;

for (const database of ['embedded', 'postgres'] as const) {
  const postgresAdminUrl = inject('postgresAdminUrl');
  describe.runIf(database === 'embedded' || postgresAdminUrl)(`the second factor on the ${database} database`, () => {
    const h = startTestConsole(database === 'postgres' ? { postgresAdminUrl } : {});
    const store = () => import('@/lib/auth/second-factor');

    const person = async (email: string) => h.db.user.create({ data: { email, name: email, role: 'OPERATOR', passwordHash: 'x' } });

    /** Sets up the app for a new person at T0 and returns its secret and recovery codes. */
    async function enrolled(email: string) {
      const { beginTotpSetup, confirmTotpSetup } = await store();
      const user = await person(email);
      const secret = await beginTotpSetup(user.id);
      const codes = await confirmTotpSetup(user.id, totpCode(secret, totpStep(T0)), T0);
      return { user, secret, codes };
    }

    it('stores the secret sealed, turns on only with a right code, and records it', async () => {
      const { beginTotpSetup, confirmTotpSetup, readSecondFactorStatus } = await store();
      const user = await person('setup@example.com');
      const secret = await beginTotpSetup(user.id);
      const row = await h.db.user.findUniqueOrThrow({ where: { id: user.id } });
      expect(row.totpSecret).not.toContain(secret);
      expect(row.totpEnabledAt).toBeNull();
      await expect(confirmTotpSetup(user.id, '000000', T0)).rejects.toThrow('That code does not match');
      const codes = await confirmTotpSetup(user.id, totpCode(secret, totpStep(T0)), T0);
      expect(codes).toHaveLength(10);
      expect(await readSecondFactorStatus(user.id)).toEqual({ enabledAt: new Date(T0), recoveryCodesLeft: 10 });
      expect((await h.db.recoveryCode.findMany({ where: { userId: user.id } })).map((c) => c.codeHash)).not.toContain(codes[0]!.replace('-', ''));
      await expect(beginTotpSetup(user.id)).rejects.toThrow('already set up');
      expect(await h.db.staffChange.findMany({ where: { targetId: user.id }, select: { kind: true, actorId: true } })).toEqual([
        { kind: 'SECOND_FACTOR_ON', actorId: user.id },
      ]);
    });

    it('accepts a code once: the code used to turn the app on, and a later one, never twice', async () => {
      const { verifySecondFactor } = await store();
      const { user, secret } = await enrolled('once@example.com');
      expect(await verifySecondFactor(user.id, totpCode(secret, totpStep(T0)), T0)).toBeNull();
      const next = totpCode(secret, totpStep(T0) + 1);
      expect(await verifySecondFactor(user.id, next, T0 + STEP_MS)).toBe('app');
      expect(await verifySecondFactor(user.id, next, T0 + STEP_MS)).toBeNull();
      // Outside the window (a minute and a half later), the code two steps on is already expired.
      expect(await verifySecondFactor(user.id, totpCode(secret, totpStep(T0) + 2), T0 + 5 * STEP_MS)).toBeNull();
    });

    it('lets exactly one of many requests racing with the same code through', async () => {
      const { verifySecondFactor } = await store();
      const { user, secret } = await enrolled('race@example.com');
      const now = T0 + 2 * STEP_MS;
      const code = totpCode(secret, totpStep(now));
      const results = await Promise.all(Array.from({ length: 8 }, () => verifySecondFactor(user.id, code, now)));
      expect(results.filter((r) => r === 'app')).toHaveLength(1);
    });

    it('spends a recovery code on use, however it is typed', async () => {
      const { verifySecondFactor, readSecondFactorStatus } = await store();
      const { user, codes } = await enrolled('recovery@example.com');
      const code = codes[3]!;
      expect(await verifySecondFactor(user.id, ` ${code.toUpperCase()} `, T0)).toBe('recovery code');
      expect(await verifySecondFactor(user.id, code, T0)).toBeNull();
      expect((await readSecondFactorStatus(user.id)).recoveryCodesLeft).toBe(9);
      expect(await verifySecondFactor(user.id, 'abcde-fghjk', T0)).toBeNull();
    });

    it('renews recovery codes only with a current code, and the old ones stop working', async () => {
      const { renewRecoveryCodes, verifySecondFactor } = await store();
      const { user, codes } = await enrolled('renew@example.com');
      await expect(renewRecoveryCodes(user.id, '123456')).rejects.toThrow('That code is not right');
      const fresh = await renewRecoveryCodes(user.id, codes[0]!);
      expect(fresh).toHaveLength(10);
      expect(await verifySecondFactor(user.id, codes[1]!, T0)).toBeNull();
      expect(await verifySecondFactor(user.id, fresh[0]!, T0)).toBe('recovery code');
    });

    it('turns off with a code unless the rule requires it; an admin reset needs none and is recorded', async () => {
      const { turnOffSecondFactor, resetSecondFactor, readSecondFactorStatus } = await store();
      const admin = await h.db.user.create({ data: { email: 'reset-admin@example.com', name: 'Admin', role: 'ADMIN', passwordHash: 'x' } });
      const first = await enrolled('off@example.com');
      await expect(turnOffSecondFactor(first.user.id, first.codes[0]!, true)).rejects.toThrow('is required for your account');
      await turnOffSecondFactor(first.user.id, first.codes[0]!, false);
      expect(await readSecondFactorStatus(first.user.id)).toEqual({ enabledAt: null, recoveryCodesLeft: 0 });

      const second = await enrolled('lost-phone@example.com');
      await resetSecondFactor(admin.id, second.user.id);
      expect(await h.db.user.findUniqueOrThrow({ where: { id: second.user.id }, select: { totpSecret: true, totpEnabledAt: true } })).toEqual({
        totpSecret: null,
        totpEnabledAt: null,
      });
      expect(await h.db.recoveryCode.count({ where: { userId: second.user.id } })).toBe(0);
      await expect(resetSecondFactor(admin.id, second.user.id)).rejects.toThrow('no second factor to reset');
      const kinds = await h.db.staffChange.findMany({
        where: { targetId: { in: [first.user.id, second.user.id] } },
        orderBy: { createdAt: 'asc' },
        select: { kind: true, actorId: true },
      });
      expect(kinds).toEqual([
        { kind: 'SECOND_FACTOR_ON', actorId: first.user.id },
        { kind: 'SECOND_FACTOR_OFF', actorId: first.user.id },
        { kind: 'SECOND_FACTOR_ON', actorId: second.user.id },
        { kind: 'SECOND_FACTOR_RESET', actorId: admin.id },
      ]);
    });

    it('keeps the rule in one row and records each change with its labels', async () => {
      const { readSecondFactorRule, setSecondFactorRule } = await store();
      const admin = await h.db.user.create({ data: { email: 'rule-admin@example.com', name: 'Admin', role: 'ADMIN', passwordHash: 'x' } });
      expect(await readSecondFactorRule()).toBe('OPTIONAL');
      await setSecondFactorRule(admin.id, 'ADMINS');
      await setSecondFactorRule(admin.id, 'ADMINS');
      await setSecondFactorRule(admin.id, 'OPTIONAL');
      expect(await readSecondFactorRule()).toBe('OPTIONAL');
      const changes = await h.db.settingsChange.findMany({
        where: { kind: 'SECOND_FACTOR_RULE_CHANGED' },
        orderBy: { createdAt: 'asc' },
        select: { before: true, after: true },
      });
      expect(changes).toEqual([
        { before: { 'second factor': 'Optional: each person decides' }, after: { 'second factor': 'Required for admins' } },
        { before: { 'second factor': 'Required for admins' }, after: { 'second factor': 'Optional: each person decides' } },
      ]);
    });
  });
}
