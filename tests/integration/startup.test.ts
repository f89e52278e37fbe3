import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { createThrowawayDatabase, dropThrowawayDatabase, migrateDeploy } from '../support/postgres';

// Each "start" loads the app's modules afresh with the given environment, runs the real
// start-up, reads back what it did, and closes the database, as a process exit would.
async function start(env: Record<string, string>) {
  vi.resetModules();
  for (const key of ['DATABASE_URL', 'DATA_DIR', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'EMBEDDED_DB_PORT']) delete process.env[key];
  // Background jobs have their own tests (tests/integration/share-runs*.test.ts, run-stops.test.ts, job-runs.test.ts).
  process.env.BACKGROUND_JOBS = 'off';
  // An external sandbox address: this test is about the database, so no local sandbox is started.
  Object.assign(process.env, { LINQ_API_BASE_URL: 'http://127.0.0.1:9/api/partner' }, env);
  const log: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((message: string) => void log.push(message));
  const { startConsole } = await import('@/lib/startup');
  const { db, disconnectDb } = await import('@/lib/db');
  const { closeEmbeddedPglite } = await import('@/lib/database/embedded');
  try {
    await startConsole();
    const users = await db.user.findMany({ select: { email: true, role: true, passwordHash: true } });
    const migrations = await db.$queryRawUnsafe<Array<{ migration_name: string; checksum: string }>>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name',
    );
    return { users, migrations, log: log.join('\n') };
  } finally {
    spy.mockRestore();
    await disconnectDb();
    await closeEmbeddedPglite();
  }
}

const migrationNames = fs
  .readdirSync(path.join(process.cwd(), 'prisma', 'migrations'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('start-up on the embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-startup-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true }));

  it('creates the schema and a demo admin on an empty data folder, and changes nothing on a second start', async () => {
    const first = await start({ DATA_DIR: dataDir });
    expect(first.migrations.map((m) => m.migration_name)).toEqual(migrationNames);
    expect(first.users).toHaveLength(1);
    expect(first.users[0]).toMatchObject({ email: 'admin@console.local', role: 'ADMIN' });
    expect(first.log).toContain('First start: a demo admin was created');
    const printedPassword = /password: (\S+)/.exec(first.log)?.[1];
    expect(printedPassword).toMatch(/^\S{16,}$/);
    const { verifyPassword } = await import('@/lib/auth/password');
    await expect(verifyPassword(printedPassword!, first.users[0]!.passwordHash)).resolves.toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'db'))).toBe(true);

    const second = await start({ DATA_DIR: dataDir });
    expect(second.migrations).toEqual(first.migrations);
    expect(second.users).toEqual(first.users);
    expect(second.log).toBe('');
  });

  it('creates the configured admin instead of a demo one when ADMIN_EMAIL and ADMIN_PASSWORD are set', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-startup-'));
    try {
      const result = await start({ DATA_DIR: dir, ADMIN_EMAIL: 'Owner@Example.com', ADMIN_PASSWORD: 'a-long-enough-password' });
      expect(result.users.map((u) => [u.email, u.role])).toEqual([['owner@example.com', 'ADMIN']]);
      expect(result.log).toContain('Created the first admin, owner@example.com');
      expect(result.log).not.toContain('a-long-enough-password');
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});

const postgresAdminUrl = inject('postgresAdminUrl');

describe.runIf(postgresAdminUrl)('start-up on a PostgreSQL server', () => {
  let databaseUrl = '';
  afterAll(async () => {
    if (databaseUrl) await dropThrowawayDatabase(databaseUrl, postgresAdminUrl);
  });

  it('refuses an unmigrated database with the fix, then starts once migrated, creating the admin only once', async () => {
    databaseUrl = await createThrowawayDatabase('console_startup', postgresAdminUrl);
    const env = { DATABASE_URL: databaseUrl, ADMIN_EMAIL: 'owner@example.com', ADMIN_PASSWORD: 'a-long-enough-password' };

    await expect(start(env)).rejects.toThrow(/lacks \d+ migration\(s\).*run "npm run db:migrate"/);

    migrateDeploy(databaseUrl);
    const first = await start(env);
    expect(first.users.map((u) => u.email)).toEqual(['owner@example.com']);
    expect(first.migrations.map((m) => m.migration_name)).toEqual(migrationNames);

    const second = await start(env);
    expect(second.users).toEqual(first.users);
    expect(second.log).toBe('');
  });
});
