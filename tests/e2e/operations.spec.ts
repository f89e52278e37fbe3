import fs from 'node:fs';
import path from 'node:path';
import { METRICS_TOKEN } from './constants';
import { expect, hydrated, test } from './fixtures';

// What the people hosting the console use: probes without a session, metrics only with their
// token, and a log in which a share is followed from the staff member's click to Linq's trace id.

type LogLine = Record<string, unknown> & { msg?: string };

/** The JSON lines the console under test has written so far (playwright.config.ts sends them to a file). */
function consoleLog(project: string): LogLine[] {
  const file = path.join(process.env.E2E_DATA_DIR!, `${project}.log`);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

test('readiness and liveness answer without a session; readiness part by part', async ({ request }) => {
  expect((await request.get('/api/health')).status()).toBe(200);
  const ready = await request.get('/api/ready');
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({
    ready: true,
    parts: { database: { ok: true }, migrations: { ok: true }, jobs: { ok: true, detail: 'started' }, stopping: { ok: true } },
  });
  expect(ready.headers()['x-request-id']).toMatch(/^\S{8,64}$/);
});

test('metrics answer only with the token, and name no customer', async ({ request, page, signInAs }) => {
  // A Linq call this very instance makes (on PostgreSQL the other instance may have run every sync so far).
  await signInAs(page, 'VIEWER');
  await page.goto('/cards');
  await expect(page.getByRole('heading', { name: 'Contact cards' })).toBeVisible();
  expect((await request.get('/api/metrics')).status()).toBe(401);
  expect((await request.get('/api/metrics', { headers: { Authorization: 'Bearer wrong-token-wrong-token-wrong' } })).status()).toBe(401);
  const answer = await request.get('/api/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(answer.status()).toBe(200);
  const text = await answer.text();
  expect(text).toMatch(/^console_queue_jobs\{queue="chats.sync",state="queued"\} \d+$/m);
  expect(text).toMatch(/^console_linq_requests_total\{endpoint="\/v3\/phone_numbers",method="GET",status="200"\} \d+$/m);
  expect(text).toMatch(/^console_open_event_streams \d+$/m);
  expect(text).not.toMatch(/\+1\d{10}/);
});

test("a failed share is traced in the log from the staff member's request to Linq's trace id", async ({
  page,
  db,
  sandbox,
  signInAs,
  indexChats,
}, testInfo) => {
  await signInAs(page, 'OPERATOR');
  const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
  const handle = `+1630${String(Date.now() % 10_000_000).padStart(7, '0')}`;
  const chatId = await sandbox.addChat({ from: line, to: [handle], outbound: 1 });
  await indexChats();
  await sandbox.addFaults([{ method: 'POST', path: `/v3/chats/${chatId}/share_contact_card`, status: 403, code: 2012, times: 1 }]);
  await page.goto(`/chats?from=${encodeURIComponent(line)}`);
  await hydrated(page.getByRole('main'));
  await page.getByRole('button', { name: `Share the card into ${handle}` }).click();
  await expect(page.getByRole('status', { name: `Share with ${handle}` }).getByText('Share failed')).toBeVisible();

  const event = await db.shareEvent.findFirstOrThrow({ where: { chatId }, orderBy: { createdAt: 'desc' } });
  expect(event).toMatchObject({ outcome: 'FAILED', linqCode: 2012 });
  const lines = consoleLog(testInfo.project.name);
  const share = lines.find((l) => l.msg === 'share' && l.eventId === event.id);
  expect(share).toMatchObject({ level: 'info', chatId, source: 'MANUAL', outcome: 'FAILED', linqCode: 2012, traceId: event.traceId });
  // The request that asked for it: a server action of the Chats page, by the same request id.
  expect(lines.find((l) => l.msg === 'request' && l.requestId === share!.requestId)).toMatchObject({ method: 'POST', path: '/chats', serverAction: true });
  // Linq's answer, by its trace id.
  expect(lines.find((l) => l.msg === 'linq call' && l.traceId === event.traceId)).toMatchObject({
    method: 'POST',
    endpoint: '/v3/chats/{id}/share_contact_card',
    status: 403,
    linqCode: 2012,
    requestId: share!.requestId,
  });
  expect(JSON.stringify(lines)).not.toContain(handle);
});
