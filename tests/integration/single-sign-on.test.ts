import { describe, expect, inject, it } from 'vitest';
import { startTestConsole } from '../support/console-harness';

// Single sign-on as stored: who a provider's claims let in, a person of the allowed domain added once
// however many first sign-ins race, every attempt recorded, and none of them slowing passwords down.

for (const database of ['embedded', 'postgres'] as const) {
  const postgresAdminUrl = inject('postgresAdminUrl');
  describe.runIf(database === 'embedded' || postgresAdminUrl)(`single sign-on on the ${database} database`, () => {
    const h = startTestConsole(database === 'postgres' ? { postgresAdminUrl } : {});
    const sso = () => import('@/lib/auth/sso');
    const verified = (email: string, name?: string) => ({ sub: email, email, email_verified: true, ...(name ? { name } : {}) });

    async function allowDomain(domain: string | null, role: 'VIEWER' | 'OPERATOR' = 'VIEWER') {
      await h.db.signInPolicy.upsert({
        where: { id: 1 },
        create: { id: 1, ssoAllowedDomain: domain, ssoDefaultRole: role },
        update: { ssoAllowedDomain: domain, ssoDefaultRole: role },
      });
    }

    it('lets a staff member in by their verified email, whatever its case, and records the sign-in', async () => {
      const { signInThroughSso } = await sso();
      await allowDomain(null);
      const user = await h.db.user.create({ data: { email: 'ada@shop.test', name: 'Ada', role: 'OPERATOR', passwordHash: 'x' } });
      const result = await signInThroughSso(verified('Ada@Shop.Test'), '203.0.113.7');
      expect(result).toEqual({ ok: true, user: { id: user.id, email: 'ada@shop.test', name: 'Ada', role: 'OPERATOR' } });
      expect((await h.db.user.findUniqueOrThrow({ where: { id: user.id } })).lastLoginAt).not.toBeNull();
      expect(await h.db.loginAttempt.findMany({ where: { email: 'ada@shop.test' }, select: { method: true, succeeded: true, address: true } })).toEqual([
        { method: 'SSO', succeeded: true, address: '203.0.113.7' },
      ]);
    });

    it('adds a person of the allowed domain once, however many first sign-ins race', async () => {
      const { signInThroughSso } = await sso();
      await allowDomain('crowd.test', 'OPERATOR');
      const results = await Promise.all(Array.from({ length: 6 }, () => signInThroughSso(verified('new@crowd.test', 'Nia New'), '203.0.113.8')));
      expect(results.every((result) => result.ok)).toBe(true);
      const users = await h.db.user.findMany({ where: { email: 'new@crowd.test' } });
      expect(users).toHaveLength(1);
      expect(users[0]).toMatchObject({ name: 'Nia New', role: 'OPERATOR' });
      expect(await h.db.staffChange.count({ where: { targetId: users[0]!.id, kind: 'JOINED_THROUGH_SSO' } })).toBe(1);
    });

    it('refuses strangers and records it, without slowing anyone’s password down', async () => {
      const { signInThroughSso } = await sso();
      const { beginLoginAttempt } = await import('@/lib/auth/login-attempts');
      await allowDomain('crowd.test');
      for (let i = 0; i < 8; i += 1) {
        expect(await signInThroughSso(verified('eve@elsewhere.test'), '203.0.113.9')).toEqual({ ok: false, refusal: 'unknown' });
      }
      expect(await h.db.user.count({ where: { email: 'eve@elsewhere.test' } })).toBe(0);
      expect(await h.db.loginAttempt.count({ where: { email: 'eve@elsewhere.test', method: 'SSO', succeeded: false } })).toBe(8);
      // Eight refusals from this address: a password attempt from it is still free.
      expect(await beginLoginAttempt('eve@elsewhere.test', '203.0.113.9')).toMatchObject({ allowed: true });
    });
  });
}
