import { request as playwrightRequest } from '@playwright/test';
import { signatureHeaders } from '@/lib/sandbox/webhooks';
import { expect, signInRequest, test } from './fixtures';
import { callServerAction, findServerAction } from './server-actions';

// Two console instances on one PostgreSQL database (and one Linq): work is shared, never doubled.
// Runs in the PostgreSQL project only (playwright.config.ts), where the second instance exists.

test('two instances: one sync at a time whoever asks, and a webhook delivered to both is applied once', async ({
  baseURL,
  consoleUnderTest,
  db,
  sandbox,
  staff,
  indexChats,
}) => {
  const first = await playwrightRequest.newContext({ baseURL });
  const second = await playwrightRequest.newContext({ baseURL: consoleUnderTest.secondConsoleUrl });
  await signInRequest(first, staff.ADMIN);
  await signInRequest(second, staff.ADMIN);

  // "Sync now" on both at the same moment, while Linq is slow (so the sync outlasts both requests):
  // one run, the same for both, whichever instance works on it.
  const action = { ...findServerAction('lib/actions/chats.ts', 'requestSyncAction'), pagePath: '/chats' };
  await sandbox.setBehaviour({ latencyMs: 150 });
  let runIds: string[];
  try {
    const answers = await Promise.all([callServerAction(first, action, []), callServerAction(second, action, [])]);
    runIds = answers.map((answer) => /"runId":"([^"]+)"/.exec(answer.text)?.[1] ?? '');
    expect(runIds[0], answers.map((a) => a.text).join('\n')).not.toBe('');
    expect(runIds[1]).toBe(runIds[0]);
    expect(answers.filter((answer) => answer.text.includes('"started":true')).length).toBeLessThanOrEqual(1);
    await expect.poll(async () => (await db.chatSyncRun.findUniqueOrThrow({ where: { id: runIds[0] } })).status, { timeout: 90_000 }).toBe('COMPLETED');
  } finally {
    await sandbox.setBehaviour({ latencyMs: 0 });
  }
  // Over the whole test run, on both instances, no two syncs ever ran at the same time.
  const runs = await db.chatSyncRun.findMany({ where: { finishedAt: { not: null } }, orderBy: { startedAt: 'asc' } });
  for (let i = 1; i < runs.length; i++) expect(runs[i]!.startedAt.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.finishedAt!.getTime());
  const run = await db.chatSyncRun.findUniqueOrThrow({ where: { id: runIds[1] } });
  // Its crawl read each page once: no second instance crawled alongside it.
  const pages = (await sandbox.requests({ path: '/v3/chats', method: 'GET' })).filter(
    (r) => r.path === '/v3/chats' && r.at >= run.startedAt.toISOString() && r.at <= run.finishedAt!.toISOString(),
  );
  expect(pages.map((r) => r.query.cursor ?? 'first')).toEqual([...new Set(pages.map((r) => r.query.cursor ?? 'first'))]);
  expect(await db.chatSyncRun.count({ where: { status: 'RUNNING' } })).toBeLessThanOrEqual(1);

  // One webhook delivery, sent to both instances (as a load balancer retrying might): applied once.
  const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
  const chatId = await sandbox.addChat({ from: line, to: [`+1917${String(Date.now()).slice(-7)}`], outbound: 0 });
  await indexChats();
  expect((await db.chat.findUniqueOrThrow({ where: { id: chatId } })).outbound).toBe('NO');
  const sentAt = new Date().toISOString();
  const body = JSON.stringify({
    event_type: 'message.sent',
    event_id: `evt_${chatId}`,
    created_at: sentAt,
    data: { direction: 'outbound', chat: { id: chatId }, sent_at: sentAt },
  });
  const headers = {
    'content-type': 'application/json',
    ...signatureHeaders(consoleUnderTest.webhookSecret!, `msg_${chatId}`, Math.floor(Date.now() / 1000), body),
  };
  const deliveries = await Promise.all([first, second].map((api) => api.post('/api/webhooks/linq', { headers, data: body })));
  expect(deliveries.map((d) => d.status())).toEqual([200, 200]);
  const duplicates = await Promise.all(deliveries.map(async (d) => ((await d.json()) as { duplicate: boolean }).duplicate));
  expect(duplicates.sort()).toEqual([false, true]);
  await expect.poll(async () => (await db.webhookDelivery.findUniqueOrThrow({ where: { id: `msg_${chatId}` } })).status, { timeout: 30_000 }).toBe('APPLIED');
  expect(await db.chat.findUniqueOrThrow({ where: { id: chatId } })).toMatchObject({ outbound: 'YES', outboundSource: 'WEBHOOK' });
  expect(await db.webhookDelivery.count({ where: { id: `msg_${chatId}` } })).toBe(1);

  await first.dispose();
  await second.dispose();
});
