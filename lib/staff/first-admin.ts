import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hashPassword } from '@/lib/auth/password';
import { db } from '@/lib/db';
import type { Settings } from '@/lib/env';
import { logFormat } from '@/lib/observability/log';

export const DEMO_ADMIN_EMAIL = 'admin@console.local';

export type FirstAdminOutcome = 'existing' | 'configured' | 'demo';

/**
 * Gives a new installation its first admin: from ADMIN_EMAIL/ADMIN_PASSWORD when set, else a
 * demo admin with a random password printed once to the server log. Does nothing once any
 * staff member exists.
 */
export async function ensureFirstAdmin(
  settings: Pick<Settings, 'firstAdmin' | 'dataDir'>,
  // Straight to the terminal, not through the logger: a person reads it once at the first start.
  log: (message: string) => void = console.log,
): Promise<FirstAdminOutcome> {
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
  if (logFormat() === 'json') {
    // JSON lines go to a log store, where no password may go: the password waits in a file instead.
    const file = path.join(settings.dataDir, 'demo-admin-password');
    fs.mkdirSync(settings.dataDir, { recursive: true });
    fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
    log(`[console] First start: a demo admin was created, ${email}; its password is in ${file}. Change it, or set ADMIN_EMAIL and ADMIN_PASSWORD.`);
    return 'demo';
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
