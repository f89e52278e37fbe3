import { randomBytes } from 'node:crypto';
import { hashPassword } from '@/lib/auth/password';
import { db } from '@/lib/db';
import type { Settings } from '@/lib/env';

export const DEMO_ADMIN_EMAIL = 'admin@console.local';

export type FirstAdminOutcome = 'existing' | 'configured' | 'demo';

/**
 * Gives a new installation its first admin: from ADMIN_EMAIL/ADMIN_PASSWORD when set, else a
 * demo admin with a random password printed once to the server log. Does nothing once any
 * staff member exists.
 */
export async function ensureFirstAdmin(settings: Pick<Settings, 'firstAdmin'>, log: (message: string) => void = console.log): Promise<FirstAdminOutcome> {
  if ((await db.user.count()) > 0) return 'existing';

  const configured = settings.firstAdmin;
  const email = configured?.email ?? DEMO_ADMIN_EMAIL;
  const password = configured?.password ?? randomBytes(12).toString('base64url');
  try {
    await db.user.create({
      data: { email, name: configured ? 'Admin' : 'Demo admin', role: 'ADMIN', passwordHash: await hashPassword(password) },
    });
  } catch (error) {
    // Another instance starting at the same moment created it first.
    if ((error as { code?: string }).code === 'P2002') return 'existing';
    throw error;
  }

  if (configured) {
    log(`[console] Created the first admin, ${email}, from ADMIN_EMAIL and ADMIN_PASSWORD.`);
    return 'configured';
  }
  log(
    [
      '',
      '┌──────────────────────────────────────────────────────────────┐',
      '│ First start: a demo admin was created. Sign in with:         │',
      `│   email:    ${email.padEnd(49)}│`,
      `│   password: ${password.padEnd(49)}│`,
      '│ This password is shown only once. Change it, or set          │',
      '│ ADMIN_EMAIL and ADMIN_PASSWORD before the first start.       │',
      '└──────────────────────────────────────────────────────────────┘',
      '',
    ].join('\n'),
  );
  return 'demo';
}

/** True while the demo admin exists and has never signed in: the sign-in page then says where its password is. */
export async function demoAdminAwaitingFirstSignIn(): Promise<boolean> {
  const demo = await db.user.findUnique({ where: { email: DEMO_ADMIN_EMAIL }, select: { lastLoginAt: true } });
  return demo !== null && demo.lastLoginAt === null;
}
