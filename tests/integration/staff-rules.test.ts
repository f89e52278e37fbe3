import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createThrowawayDatabase, dropThrowawayDatabase, migrateDeploy } from '../support/postgres';

type Manage = typeof import('@/lib/staff/manage');
type Db = (typeof import('@/lib/db'))['db'];

const postgresAdminUrl = inject('postgresAdminUrl');
const targets = [{ name: 'embedded' }, ...(postgresAdminUrl ? [{ name: 'postgres' }] : [])];

describe.each(targets)('staff rules on the $name database', ({ name }) => {
  let manage: Manage;
  let db: Db;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    vi.resetModules();
    delete process.env.DATABASE_URL;
    process.env.LINQ_API_BASE_URL = 'http://127.0.0.1:9/api/partner';
    let databaseUrl = '';
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-staff-'));
    process.env.DATA_DIR = dataDir;
    if (name === 'postgres') {
      databaseUrl = await createThrowawayDatabase('console_staff', postgresAdminUrl);
      migrateDeploy(databaseUrl);
      process.env.DATABASE_URL = databaseUrl;
    }
    const { prepareDatabase } = await import('@/lib/db');
    const { getSettings } = await import('@/lib/env');
    await prepareDatabase(getSettings().database);
    manage = await import('@/lib/staff/manage');
    ({ db } = await import('@/lib/db'));
    cleanup = async () => {
      const { disconnectDb } = await import('@/lib/db');
      const { closeEmbeddedPglite } = await import('@/lib/database/embedded');
      await disconnectDb();
      await closeEmbeddedPglite();
      if (databaseUrl) await dropThrowawayDatabase(databaseUrl, postgresAdminUrl);
      fs.rmSync(dataDir, { recursive: true });
    };
  });
  afterAll(() => cleanup());

  const account = async (role: 'ADMIN' | 'OPERATOR', email: string) => {
    const user = await db.user.create({ data: { email, name: email, role, passwordHash: 'x' } });
    return { id: user.id, email, name: email, role, numbers: null };
  };

  it('keeps the last active admin an active admin, and refuses disabling oneself', async () => {
    const only = await account('ADMIN', 'only@example.com');
    await expect(manage.changeRole(only, only.id, 'OPERATOR')).rejects.toThrow('This is the last active admin: make someone else an admin first.');
    await expect(manage.setDisabled(only, only.id, true)).rejects.toThrow('You cannot disable your own account; ask another admin.');
    const helper = await account('ADMIN', 'helper@example.com');
    await manage.setDisabled(only, helper.id, true);
    await expect(manage.setDisabled(helper, only.id, true)).rejects.toThrow('This is the last active admin');
    expect(await db.user.count({ where: { role: 'ADMIN', disabled: false } })).toBe(1);
    expect(await db.staffChange.count({ where: { kind: 'DISABLED', targetId: helper.id } })).toBe(1);
    await db.user.update({ where: { id: helper.id }, data: { role: 'OPERATOR', disabled: false } });
    await db.user.update({ where: { id: only.id }, data: { role: 'OPERATOR' } });
  });

  it('leaves one admin when two admins demote each other at the same moment', async () => {
    const a = await account('ADMIN', 'a@example.com');
    const b = await account('ADMIN', 'b@example.com');
    const results = await Promise.allSettled([manage.changeRole(a, b.id, 'OPERATOR'), manage.changeRole(b, a.id, 'OPERATOR')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await db.user.count({ where: { role: 'ADMIN', disabled: false } })).toBe(1);
    expect(await db.staffChange.count({ where: { kind: 'ROLE_CHANGED', targetId: { in: [a.id, b.id] } } })).toBe(1);
  });

  it('ends every session of a disabled account, even once enabled again', async () => {
    const admin = await account('ADMIN', 'boss@example.com');
    const operator = await account('OPERATOR', 'op@example.com');
    await manage.setDisabled(admin, operator.id, true);
    await manage.setDisabled(admin, operator.id, false);
    const user = await db.user.findUniqueOrThrow({ where: { id: operator.id } });
    expect(user.disabled).toBe(false);
    expect(user.sessionsRevokedAt).not.toBeNull();
  });

  it('limits an operator to some numbers: recorded, their runs of other numbers paused, their work of other numbers no longer theirs; admins refused', async () => {
    const { ownerCanShare, OWNER_SELECT } = await import('@/lib/runs/owner');
    const admin = await account('ADMIN', 'numbers-admin@example.com');
    const operator = await account('OPERATOR', 'shop@example.com');
    const [mine, other] = ['+14155550170', '+14155550171'];
    const run = (numbers: string[]) => db.shareRun.create({ data: { source: 'BULK', createdById: operator.id, selection: {}, numbers } });
    const [ours, theirs, both] = [await run([mine]), await run([other]), await run([mine, other])];

    expect(await manage.setNumbers(admin, operator.id, [mine, mine])).toEqual({ changed: true });
    expect(await manage.setNumbers(admin, operator.id, [mine])).toEqual({ changed: false });
    const statuses = await db.shareRun.findMany({
      where: { id: { in: [ours.id, theirs.id, both.id] } },
      select: { id: true, status: true, pausedReason: true },
    });
    expect(Object.fromEntries(statuses.map((r) => [r.id, r.status]))).toEqual({ [ours.id]: 'RUNNING', [theirs.id]: 'PAUSED', [both.id]: 'PAUSED' });
    const owner = await db.user.findUniqueOrThrow({ where: { id: operator.id }, select: OWNER_SELECT });
    expect([ownerCanShare(owner, [mine]), ownerCanShare(owner, [other]), ownerCanShare(owner, [])]).toEqual([true, false, true]);
    expect(await db.staffChange.findFirst({ where: { targetId: operator.id, kind: 'NUMBERS_CHANGED' }, select: { before: true, after: true } })).toEqual({
      before: { numbers: null },
      after: { numbers: [mine] },
    });

    // Made an admin, they have every number, and a later demotion does not bring the old limit back.
    await expect(manage.setNumbers(admin, admin.id, [mine])).rejects.toThrow('Admins always have every number');
    await manage.changeRole(admin, operator.id, 'ADMIN');
    await manage.changeRole(admin, operator.id, 'OPERATOR');
    expect(await db.user.findUniqueOrThrow({ where: { id: operator.id }, select: { limitedToNumbers: true, numbers: true } })).toEqual({
      limitedToNumbers: false,
      numbers: [],
    });
  });
});
