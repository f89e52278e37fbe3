import type { APIRequestContext, Page } from '@playwright/test';
import { signatureHeaders } from '@/lib/sandbox/webhooks';
import { expect, hydrated, signInRequest, test, type StaffAccount } from './fixtures';
import { testPasswordHash } from './password-hash';
import { openStream } from './streams';

// The live console (issue 21): what Linq and other staff do reaches every open page within
// seconds, through /api/live, on one instance or across two on one PostgreSQL.

let counter = 0;
const customer = () => `+1332${String(Date.now() % 100_000).padStart(5, '0')}${String(++counter % 100).padStart(2, '0')}`;
const linePage = (line: string) => `/chats?from=${encodeURIComponent(line)}`;

/** Opens /api/live with an API context's session, as a browser's EventSource would. */
const openLive = (api: APIRequestContext, baseURL: string, headers: Record<string, string> = {}) => openStream(api, baseURL, '/api/live', headers);

/** Counts the moments a row and the "Eligible now" tab disagree, from the first render on. */
async function watchForContradictions(page: Page, handle: string) {
  await page.evaluate((name) => {
    const win = window as unknown as { contradictions: string[] };
    win.contradictions = [];
    const check = () => {
      const tab = [...document.querySelectorAll('nav[aria-label="Eligibility"] a')].find((a) => a.textContent?.startsWith('Eligible now'))?.textContent;
      const row = document.querySelector(`tr[aria-label="${name}"]`);
      if (!row || !tab) return;
      const eligible = !row.textContent?.includes('send one first');
      if (eligible === (tab === 'Eligible now (0)')) win.contradictions.push(`${tab} / ${eligible ? 'eligible' : 'not eligible'}`);
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, handle);
  return () => page.evaluate(() => (window as unknown as { contradictions: string[] }).contradictions);
}

test.describe('live updates', () => {
  test('a message sent elsewhere turns the row Eligible and the tab count up together on another instance, and a share shows in the other tab', async ({
    browser,
    baseURL,
    extraHTTPHeaders,
    consoleUnderTest,
    sandbox,
    staff,
    indexChats,
    db,
  }) => {
    // On PostgreSQL the second tab is on the other instance; the embedded database has one.
    const otherURL = consoleUnderTest.secondConsoleUrl ?? baseURL!;
    const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
    const handle = customer();
    const chatId = await sandbox.addChat({ from: line, to: [handle], outbound: 0, inbound: 1 });
    await indexChats();

    const tabs = await Promise.all(
      [
        { url: baseURL!, account: staff.OPERATOR },
        { url: otherURL, account: staff.VIEWER },
      ].map(async ({ url, account }: { url: string; account: StaffAccount }) => {
        // With this test's own client address, as every context of the suite (fixtures.ts).
        const context = await browser.newContext({ baseURL: url, extraHTTPHeaders });
        const page = await context.newPage();
        await signInRequest(page.request, account);
        await page.goto(linePage(line));
        await expect(page.getByRole('status').getByText('Live updates on')).toBeVisible();
        await hydrated(page.getByRole('row', { name: handle }));
        return { context, page, row: page.getByRole('row', { name: handle }), eligibleTab: page.getByRole('navigation', { name: 'Eligibility' }) };
      }),
    );
    const [operator, viewer] = tabs as [(typeof tabs)[number], (typeof tabs)[number]];
    await expect(viewer.row.getByText('You have not sent a message in this chat yet: send one first.')).toBeVisible();
    await expect(viewer.eligibleTab.getByRole('link', { name: 'Eligible now (0)' })).toBeVisible();
    const contradictions = await watchForContradictions(viewer.page, handle);

    // The business sends a message from its phone; Linq announces it to the first instance.
    await sandbox.sendFromElsewhere(chatId);
    if (consoleUnderTest.webhookSecret) {
      const sentAt = new Date().toISOString();
      const body = JSON.stringify({
        event_type: 'message.sent',
        event_id: `evt_live_${chatId}`,
        created_at: sentAt,
        data: { direction: 'outbound', chat: { id: chatId }, sent_at: sentAt },
      });
      const headers = {
        'content-type': 'application/json',
        ...signatureHeaders(consoleUnderTest.webhookSecret, `msg_live_${chatId}`, Math.floor(Date.now() / 1000), body),
      };
      expect((await operator.page.request.post(`${baseURL}/api/webhooks/linq`, { headers, data: body })).status()).toBe(200);
    } else {
      // The embedded console here has no webhook subscription of its own (webhooks.spec.ts makes
      // one): the index is written as applying Linq's message.sent writes it.
      const now = new Date();
      await db.chat.update({
        where: { id: chatId },
        data: { outbound: 'YES', outboundSource: 'WEBHOOK', outboundSince: now, lastOutboundAt: now, activityAt: now },
      });
    }
    await expect(viewer.row.getByText('Eligible', { exact: true })).toBeVisible({ timeout: 5_000 });
    await expect(viewer.eligibleTab.getByRole('link', { name: 'Eligible now (1)' })).toBeVisible({ timeout: 5_000 });
    expect(await contradictions()).toEqual([]);

    // A share in the operator's tab shows in the viewer's, without a reload.
    await expect(operator.row.getByText('Eligible', { exact: true })).toBeVisible({ timeout: 5_000 });
    await operator.row.getByRole('button', { name: `Share the card into ${handle}` }).click();
    await expect(operator.row.getByRole('status', { name: `Share with ${handle}` }).getByText('Shared just now')).toBeVisible();
    await expect(viewer.row.getByText(/^Already shared today/)).toBeVisible({ timeout: 5_000 });
    await expect(viewer.eligibleTab.getByRole('link', { name: 'Eligible now (0)' })).toBeVisible({ timeout: 5_000 });
    expect(await db.shareEvent.count({ where: { chatId, outcome: 'SUCCEEDED' } })).toBe(1);
    for (const tab of tabs) await tab.context.close();
  });

  test('Settings shows background work as it is recorded, without a reload', async ({ page, signInAs, db }) => {
    await signInAs(page, 'ADMIN');
    await page.goto('/settings');
    await expect(page.getByRole('status').getByText('Live updates on')).toBeVisible();
    const summary = `Live check ${Date.now()}: 3 chats read.`;
    const now = new Date();
    await db.jobRun.create({
      data: { queue: 'chats.sync', jobId: `live-${Date.now()}`, instance: 'e2e', status: 'SUCCEEDED', summary, startedAt: now, finishedAt: now, durationMs: 5 },
    });
    await expect(page.getByText(summary)).toBeVisible({ timeout: 5_000 });
  });

  test('while the stream is down the page says so and polls; it comes back by itself', async ({ page, signInAs }) => {
    await signInAs(page, 'VIEWER');
    let refuse = true;
    await page.route('**/api/live**', (route) => (refuse ? route.fulfill({ status: 503, body: 'down' }) : route.fallback()));
    await page.goto('/chats');
    await expect(page.getByRole('status').getByText('Live updates paused: reconnecting.')).toBeVisible();
    const polled = page.waitForRequest((request) => request.url().includes('/api/chats?'), { timeout: 30_000 });
    refuse = false;
    await polled;
    await expect(page.getByRole('status').getByText('Live updates on')).toBeVisible({ timeout: 15_000 });
  });
});

test.describe('the stream’s door', () => {
  test('refuses anonymous callers, tells a viewer nothing of settings or staff, and replays what a reconnecting tab missed', async ({
    baseURL,
    playwright,
    db,
    staff,
    extraHTTPHeaders,
  }) => {
    const anonymous = await playwright.request.newContext({ baseURL, extraHTTPHeaders });
    const refused = await openLive(anonymous, baseURL!);
    expect(refused.response.status).toBe(401);
    await anonymous.dispose();

    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders });
    await signInRequest(api, staff.VIEWER);
    const first = await openLive(api, baseURL!);
    expect(first.response.headers.get('content-type')).toContain('text/event-stream');
    const hello = await first.stream!.waitFor((event) => event.event === 'hello');
    // An admin-only change, then a chat change everyone may hear: the viewer hears the second only.
    const job = await db.jobRun.create({ data: { queue: 'console.tick', jobId: `live-${Date.now()}`, instance: 'e2e' } });
    const chatId = `live-door-${Date.now()}`;
    await db.chat.create({ data: { id: chatId, participants: [customer()], activityAt: new Date() } });
    const heard = await first.stream!.waitFor((event) => event.event === 'change' && event.data.includes(chatId));
    expect(first.stream!.events.filter((event) => event.data.includes(job.id) || event.data.includes('"jobs"'))).toEqual([]);
    first.close();

    // Missed while away: replayed, in order, from the Last-Event-ID the browser sends.
    await db.chat.update({ where: { id: chatId }, data: { outbound: 'YES' } });
    const again = await openLive(api, baseURL!, { 'Last-Event-ID': heard.id! });
    await again.stream!.waitFor((event) => event.event === 'change' && event.data.includes(chatId));
    expect(Number(again.stream!.events.find((event) => event.event === 'change')!.id)).toBeGreaterThan(Number(heard.id));
    expect(Number(hello.id)).toBeLessThan(Number(heard.id));
    again.close();
    await api.dispose();
  });

  test('closes the stream of a person who is disabled while it is open, and says why when it is opened again', async ({
    baseURL,
    playwright,
    db,
    extraHTTPHeaders,
  }) => {
    const email = `live-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@e2e.test`;
    const password = 'live-stream-operator-password';
    const person = await db.user.create({ data: { email, name: 'Live Operator', role: 'OPERATOR', passwordHash: await testPasswordHash(password) } });
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders });
    await signInRequest(api, { email, password });
    const live = await openLive(api, baseURL!);
    await live.stream!.waitFor((event) => event.event === 'hello');
    await db.user.update({ where: { id: person.id }, data: { disabled: true } });
    await live.stream!.done;
    expect(live.stream!.isEnded()).toBe(true);
    // Opened again with the ended session, the stream only says why, so a page whose stream was
    // down when the session ended still goes to the sign-in page.
    const after = await openLive(api, baseURL!);
    expect(after.response.headers.get('content-type')).toContain('text/event-stream');
    await after.stream!.done;
    expect(after.stream!.events.map((event) => [event.event, event.data])).toEqual([['ended', '{"reason":"disabled"}']]);
    await api.dispose();
  });
});
