import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/generated/prisma/client';
import { createLinqClient } from '@/lib/linq/client';
import { LinqGateway } from '@/lib/linq/gateway';
import { startSandbox, type RunningSandbox } from '@/lib/sandbox/server';

const API_KEY = 'save-card-test-key';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-save-card-'));

let sandbox: RunningSandbox;
let linq: LinqGateway;
let db: PrismaClient;
let saveContactCard: typeof import('@/lib/cards/save-card').saveContactCard;
let actorId: string;

/** Sees no card when reading, as if someone else created it just after: the race the fallback handles. */
class RacingGateway extends LinqGateway {
  override async getContactCard(): Promise<null> {
    return null;
  }
}

async function addLine(body: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${sandbox.origin}/__sandbox/lines`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return ((await response.json()) as { phone_number: string }).phone_number;
}

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  process.env.LINQ_API_BASE_URL = 'http://127.0.0.1:9/api/partner';
  const { prepareDatabase } = await import('@/lib/db');
  const { getSettings } = await import('@/lib/env');
  await prepareDatabase(getSettings().database);
  ({ db } = await import('@/lib/db'));
  ({ saveContactCard } = await import('@/lib/cards/save-card'));
  actorId = (await db.user.create({ data: { email: 'op@example.com', name: 'Op', role: 'OPERATOR', passwordHash: 'x' } })).id;
  sandbox = await startSandbox({ apiKey: API_KEY, chatCount: 0 });
  linq = new LinqGateway(createLinqClient({ apiKey: API_KEY, baseUrl: sandbox.baseUrl }));
});

afterAll(async () => {
  await sandbox.close();
  const { disconnectDb } = await import('@/lib/db');
  const { closeEmbeddedPglite } = await import('@/lib/database/embedded');
  await disconnectDb();
  await closeEmbeddedPglite();
  fs.rmSync(dataDir, { recursive: true });
});

describe('saveContactCard', () => {
  it('falls back to an update, with every field, when someone else created the card meanwhile', async () => {
    const phone = await addLine({ card: { first_name: 'Theirs', last_name: 'Old' } });
    const racing = new RacingGateway(createLinqClient({ apiKey: API_KEY, baseUrl: sandbox.baseUrl }));
    const result = await saveContactCard(actorId, { phoneNumber: phone, firstName: 'Ours', lastName: '' }, racing);
    expect(result).toMatchObject({ status: 'applied', fellBackToUpdate: true });
    const patch = sandbox.store.requestLog.filter((r) => r.method === 'PATCH' && r.query.phone_number === phone);
    expect(patch.map((r) => r.body)).toEqual([{ first_name: 'Ours', last_name: '' }]);
    await expect(linq.getContactCard(phone)).resolves.toMatchObject({ firstName: 'Ours', lastName: null });
    const revision = await db.cardRevision.findFirstOrThrow({ where: { phoneNumber: phone } });
    expect(revision).toMatchObject({ write: 'UPDATE', fellBackToUpdate: true, sentFields: ['first_name', 'last_name'], outcome: 'APPLIED' });
  });

  it('explains the dead end of a card that exists but is not active, when Linq refuses both create and update', async () => {
    sandbox.behaviour.postOverInactiveCard = 'conflict';
    try {
      const phone = await addLine({ card: { first_name: 'Pending', is_active: false } });
      const result = await saveContactCard(actorId, { phoneNumber: phone, firstName: 'New', lastName: '' }, linq);
      expect(result).toMatchObject({
        status: 'failed',
        failure: { message: `Linq has a card for ${phone} that is not active yet, and refuses to change it until it is.`, retryable: true, code: 2012 },
      });
      const revision = await db.cardRevision.findFirstOrThrow({ where: { phoneNumber: phone } });
      expect(revision).toMatchObject({ outcome: 'FAILED', linqCode: 2012, httpStatus: 404, fellBackToUpdate: true });
      expect(revision.errorMessage).toContain('not active yet');
    } finally {
      sandbox.behaviour.postOverInactiveCard = 'replace';
    }
  });

  it('records a write that timed out as failed, saying it may still have gone through', async () => {
    const phone = await addLine({});
    sandbox.faults.add([{ method: 'POST', path: '^/v3/contact_card', delayMs: 800, times: 1 }]);
    const impatient = new LinqGateway(createLinqClient({ apiKey: API_KEY, baseUrl: sandbox.baseUrl }), { cardWriteMs: 300 });
    const result = await saveContactCard(actorId, { phoneNumber: phone, firstName: 'Slow', lastName: '' }, impatient);
    expect(result).toMatchObject({ status: 'failed', failure: { message: 'Linq did not answer in time.' } });
    const revision = await db.cardRevision.findFirstOrThrow({ where: { phoneNumber: phone } });
    expect(revision).toMatchObject({ outcome: 'FAILED', linqCode: null });
    expect(revision.errorMessage).toContain('may still have been carried out');
  });

  it('records nothing when nothing changed', async () => {
    const phone = await addLine({ card: { first_name: 'Same', last_name: 'Card' } });
    await expect(saveContactCard(actorId, { phoneNumber: phone, firstName: 'Same', lastName: 'Card' }, linq)).resolves.toEqual({ status: 'unchanged' });
    expect(await db.cardRevision.count({ where: { phoneNumber: phone } })).toBe(0);
  });
});
