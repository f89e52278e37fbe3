import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword, verifyPasswordOrDummy } from '@/lib/auth/password';

describe('passwords', () => {
  it('hashes with bcrypt and a fresh salt, never storing the password', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^\$2[aby]\$12\$/);
    expect(first).not.toContain('correct horse');
    expect(first).not.toBe(second);
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    await expect(verifyPassword('correct horse battery', hash)).resolves.toBe(true);
    await expect(verifyPassword('Correct horse battery', hash)).resolves.toBe(false);
    await expect(verifyPassword('', hash)).resolves.toBe(false);
  });

  it('rejects every password for an unknown account, after the same work', async () => {
    await expect(verifyPasswordOrDummy('no-such-account', undefined)).resolves.toBe(false);
    await expect(verifyPasswordOrDummy('anything', undefined)).resolves.toBe(false);
    const hash = await hashPassword('right one here');
    await expect(verifyPasswordOrDummy('right one here', hash)).resolves.toBe(true);
  });
});
