import bcrypt from 'bcryptjs';

/**
 * The stored hash of an account the tests create. The console checks a password at the cost its
 * hash carries, so cost 4 here spares every sign-in about a second of CPU on a busy 2-core CI
 * machine. The console's own cost is tested in tests/unit/password.test.ts, and the passwords the
 * console hashes itself (the first admin, set-password links, resets) keep it.
 */
export function testPasswordHash(password: string): Promise<string> {
  return bcrypt.hash(password, 4);
}
