import type { Page } from '@playwright/test';
import { expect, hydrated, test } from './fixtures';
import type { SandboxControl } from './sandbox-control';
import { callServerAction, findServerAction } from './server-actions';

let counter = 0;
/** A customer handle no other test uses. */
const customer = () => `+1312${String(Date.now() % 100_000).padStart(5, '0')}${String(++counter % 100).padStart(2, '0')}`;

async function lineWithCard(sandbox: SandboxControl) {
  return sandbox.addLine({ card: { first_name: 'Harbor', last_name: 'Dental' } });
}

const chatsOf = (line: string) => `/chats?from=${encodeURIComponent(line)}`;
const row = (page: Page, label: string) => page.getByRole('row', { name: label });
/** The row's relative time ("5 min. ago") shows once React runs in the page: a click before that does nothing. */
const shareAction = () => findServerAction('lib/actions/shares.ts', 'shareContactCardAction');

test.describe('chats', () => {
  test('an eligible chat is shared once; another tab catches up, and pressing again from a stale page is refused with "already shared today"', async ({
    page,
    context,
    db,
    sandbox,
    signInAs,
    indexChats,
  }) => {
    const operator = await signInAs(page, 'OPERATOR');
    const line = await lineWithCard(sandbox);
    const handle = customer();
    const chatId = await sandbox.addChat({ from: line, to: [handle], outbound: 1 });
    await indexChats();

    const otherTab = await context.newPage();
    await otherTab.goto(chatsOf(line));
    await expect(row(otherTab, handle).getByText('Eligible', { exact: true })).toBeVisible();

    await page.goto(chatsOf(line));
    await expect(row(page, handle).getByText('Eligible', { exact: true })).toBeVisible();
    await hydrated(row(page, handle));
    await row(page, handle)
      .getByRole('button', { name: `Share the card into ${handle}` })
      .click();
    await expect(page.getByText('Contact card shared.', { exact: false })).toBeVisible();
    await expect(row(page, handle).getByText(/^Already shared today at \d\d:\d\d UTC/)).toBeVisible();
    await expect(row(page, handle).getByRole('button', { name: `Share the card into ${handle}` })).toBeDisabled();

    expect(await sandbox.shares(chatId)).toEqual([{ chat_id: chatId, from: line, at: expect.any(String), effective: true }]);
    const shared = await db.shareEvent.findFirstOrThrow({ where: { chatId } });
    expect(shared).toMatchObject({
      outcome: 'SUCCEEDED',
      actorId: operator.id,
      source: 'MANUAL',
      sendingNumber: line,
      participants: [handle],
      httpStatus: 204,
    });
    // The sandbox answered within the test: a real measured time, not a placeholder.
    expect(shared.latencyMs).toBeGreaterThan(0);
    expect(shared.latencyMs).toBeLessThan(20_000);

    // A tab opened before the share: it catches up by itself, and a press from a page that had not
    // caught up yet (the action called as such a page would) is refused by the server.
    await expect(row(otherTab, handle).getByText(/^Already shared today at \d\d:\d\d UTC/)).toBeVisible({ timeout: 30_000 });
    const stale = await callServerAction(otherTab.request, { ...shareAction(), pagePath: '/chats' }, [chatId]);
    expect(stale.text).toMatch(/"kind":"refused","error":"Already shared today at \d\d:\d\d UTC/);
    expect(await sandbox.shares(chatId)).toHaveLength(1);
    await expect
      .poll(async () => (await db.shareEvent.findMany({ where: { chatId }, orderBy: { createdAt: 'asc' } })).map((e) => e.outcome))
      .toEqual(['SUCCEEDED', 'REFUSED']);
    const events = await db.shareEvent.findMany({ where: { chatId }, orderBy: { createdAt: 'asc' } });
    expect(events[1]!.message).toMatch(/^Already shared today at/);
  });

  test('SMS chats, chats without an outbound message and chats on a number without a card show why and cannot be shared', async ({
    page,
    db,
    sandbox,
    signInAs,
    indexChats,
  }) => {
    await signInAs(page, 'ADMIN');
    const line = await lineWithCard(sandbox);
    const bare = await sandbox.addLine();
    const [sms, silent, noCard] = [customer(), customer(), customer()];
    const ids = [
      await sandbox.addChat({ from: line, to: [sms], service: 'SMS', outbound: 1 }),
      await sandbox.addChat({ from: line, to: [silent], outbound: 0, inbound: 3 }),
      await sandbox.addChat({ from: bare, to: [noCard], outbound: 1 }),
    ];
    await indexChats();

    await page.goto(chatsOf(line));
    await expect(row(page, sms).getByText('SMS chat: contact cards only work in iMessage.')).toBeVisible();
    await expect(row(page, silent).getByText('You have not sent a message in this chat yet: send one first.')).toBeVisible();
    for (const handle of [sms, silent]) await expect(row(page, handle).getByRole('button', { name: `Share the card into ${handle}` })).toBeDisabled();
    await row(page, sms)
      .getByRole('button', { name: `Why, for ${sms}` })
      .click();
    const why = page.getByRole('dialog', { name: `Eligibility of ${sms}` });
    await expect(why.getByText('iMessage chat', { exact: true })).toBeVisible();
    await expect(why.getByText('You have sent a message in this chat.')).toBeVisible();
    await page.keyboard.press('Escape');

    await page.goto(chatsOf(bare));
    await expect(row(page, noCard).getByText(`No contact card for ${bare}: create one under Contact cards.`)).toBeVisible();
    await expect(row(page, noCard).getByRole('button', { name: `Share the card into ${noCard}` })).toBeDisabled();

    // The server refuses them too, whatever the page shows, and Linq is never asked.
    for (const id of ids) {
      const result = await callServerAction(page.request, { ...shareAction(), pagePath: '/chats' }, [id]);
      expect(result.text).toContain('"kind":"refused"');
    }
    for (const id of ids) expect(await sandbox.shares(id)).toEqual([]);
    expect((await sandbox.requests({ path: 'share_contact_card' })).filter((r) => ids.some((id) => r.path.includes(id)))).toEqual([]);
    expect(await db.shareEvent.count({ where: { chatId: { in: ids }, outcome: 'REFUSED' } })).toBe(3);
  });

  test('a Linq failure on share leaves a failed event, a clear message, and the chat still eligible', async ({ page, db, sandbox, signInAs, indexChats }) => {
    await signInAs(page, 'OPERATOR');
    const line = await lineWithCard(sandbox);
    const handle = customer();
    const chatId = await sandbox.addChat({ from: line, to: [handle], outbound: 2 });
    await indexChats();
    await sandbox.addFaults([{ path: `/v3/chats/${chatId}/share_contact_card`, status: 500, times: 1 }]);

    await page.goto(chatsOf(line));
    await hydrated(row(page, handle));
    await row(page, handle)
      .getByRole('button', { name: `Share the card into ${handle}` })
      .click();
    // The row says so, with the reason and a Retry, and keeps the focus; the toast names the chat.
    const status = row(page, handle).getByRole('status', { name: `Share with ${handle}` });
    await expect(status.getByText('Share failed')).toBeVisible();
    await expect(status.getByText('Linq had an unexpected error.')).toBeVisible();
    await expect(status.getByRole('button', { name: `Retry the share with ${handle}` })).toBeVisible();
    await expect(status).toBeFocused();
    await expect(page.getByText(`Not shared with ${handle}`)).toBeVisible();
    await expect(row(page, handle).getByText('Eligible', { exact: true })).toBeVisible();
    await expect(row(page, handle).getByRole('cell', { name: 'Never' })).toBeVisible();

    const failed = await db.shareEvent.findFirstOrThrow({ where: { chatId } });
    expect(failed).toMatchObject({ outcome: 'FAILED', linqCode: 3006, httpStatus: 500 });
    expect(failed.traceId).toMatch(/^[a-f0-9]{32}$/);
    expect(failed.message).toContain('Linq had an unexpected error.');
    expect(await sandbox.shares(chatId)).toEqual([]);

    await row(page, handle)
      .getByRole('button', { name: `Share history of ${handle}` })
      .click();
    const drawer = page.getByRole('dialog', { name: 'Share history' });
    await expect(drawer.getByText('Failed')).toBeVisible();
    await expect(drawer.getByText('Linq code 3006.')).toBeVisible();
  });

  test('two share requests for one chat at the same moment produce one share', async ({ page, db, sandbox, signInAs, indexChats }) => {
    await signInAs(page, 'OPERATOR');
    const line = await lineWithCard(sandbox);
    const chatId = await sandbox.addChat({ from: line, to: [customer()], outbound: 1 });
    await indexChats();
    await sandbox.addFaults([{ path: `/v3/chats/${chatId}/share_contact_card`, delayMs: 300, times: 1 }]);

    const results = await Promise.all([0, 1, 2].map(() => callServerAction(page.request, { ...shareAction(), pagePath: '/chats' }, [chatId])));
    expect(results.filter((r) => r.text.includes('"ok":true'))).toHaveLength(1);
    expect(results.filter((r) => r.text.includes('"kind":"refused"'))).toHaveLength(2);
    expect(await sandbox.shares(chatId)).toHaveLength(1);
    const outcomes = (await db.shareEvent.findMany({ where: { chatId } })).map((e) => e.outcome).sort();
    expect(outcomes).toEqual(['REFUSED', 'REFUSED', 'SUCCEEDED']);
  });

  test('a viewer sees eligibility but no Share button, and the action refuses them', async ({ page, sandbox, signInAs, indexChats }) => {
    await signInAs(page, 'VIEWER');
    const line = await lineWithCard(sandbox);
    const handle = customer();
    const chatId = await sandbox.addChat({ from: line, to: [handle], outbound: 1 });
    await indexChats();
    await page.goto(chatsOf(line));
    await expect(row(page, handle).getByText('Eligible', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Share the card/ })).toHaveCount(0);
    const result = await callServerAction(page.request, { ...shareAction(), pagePath: '/chats' }, [chatId]);
    expect(result.text).toContain('Your role does not allow this.');
    expect(await sandbox.shares(chatId)).toEqual([]);
  });

  test('filters over every indexed chat, with counts, live in the URL; search finds any part of a handle or name', async ({
    page,
    sandbox,
    signInAs,
    indexChats,
  }) => {
    await signInAs(page, 'VIEWER');
    const line = await lineWithCard(sandbox);
    const [eligible, sms, quiet] = [customer(), customer(), customer()];
    // A name of this test's own: the search below runs across every number, other tests' chats too.
    const name = `Harbor Regulars ${line.slice(-4)}`;
    await sandbox.addChat({ from: line, to: [eligible], outbound: 1, display_name: name });
    await sandbox.addChat({ from: line, to: [sms], service: 'SMS', outbound: 1 });
    await sandbox.addChat({ from: line, to: [quiet], outbound: 0 });
    await indexChats();

    await page.goto(chatsOf(line));
    await expect(page.getByRole('link', { name: 'All (3)' })).toBeVisible();
    await page.getByRole('link', { name: 'Eligible now (1)' }).click();
    await expect(page).toHaveURL(/show=eligible/);
    await expect(row(page, name)).toBeVisible();
    await expect(row(page, sms)).toHaveCount(0);
    await page.getByRole('link', { name: 'Not eligible (2)' }).click();
    await expect(row(page, sms)).toBeVisible();
    await expect(row(page, quiet)).toBeVisible();
    await page.getByRole('link', { name: 'No message sent yet (1)' }).click();
    await expect(page).toHaveURL(/reason=no_outbound/);
    await expect(row(page, quiet)).toBeVisible();
    await expect(row(page, sms)).toHaveCount(0);

    // The menus apply together, with the button.
    await page.getByLabel('Service').selectOption('SMS');
    await expect(page).not.toHaveURL(/service=SMS/);
    await page.getByRole('link', { name: 'Any reason' }).click();
    await page.getByLabel('Service').selectOption({ label: 'SMS (1)' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/service=SMS/);
    await expect(row(page, sms)).toBeVisible();
    await expect(page.getByRole('table', { name: 'Chats' }).getByRole('row')).toHaveCount(2);

    // Search as one types (no Enter), across all numbers, by part of a handle typed with spaces and
    // dashes, or of the name; the field keeps its focus and the address follows.
    await page.goto('/chats');
    const search = page.getByLabel('Search');
    await hydrated(page.getByRole('table', { name: 'Chats' }));
    await search.fill(` ${sms.slice(2, 5)} ${sms.slice(5, 8)}-${sms.slice(8)} `);
    await expect(page).toHaveURL(/q=/);
    await expect(row(page, sms)).toBeVisible();
    await expect(page.getByRole('table', { name: 'Chats' }).getByRole('row')).toHaveCount(2);
    await expect(search).toBeFocused();
    await search.fill(name.slice(7).toLowerCase());
    await expect(row(page, name)).toBeVisible();
    await search.pressSequentially(' xyz-nothing');
    await expect(search).toHaveValue(`${name.slice(7).toLowerCase()} xyz-nothing`);
    await expect(page.getByText('No chat matches these filters.')).toBeVisible();
  });

  test('"Eligible now" on a number shows an eligible chat Linq lists last, beyond its first pages, and a page view asks Linq nothing', async ({
    page,
    sandbox,
    signInAs,
    indexChats,
  }) => {
    await signInAs(page, 'VIEWER');
    const line = await lineWithCard(sandbox);
    const oldest = customer();
    // 120 recent chats Linq lists first (SMS: none eligible), and one old eligible chat it lists last.
    await Promise.all(Array.from({ length: 120 }, () => sandbox.addChat({ from: line, to: [customer()], service: 'SMS', outbound: 1, hours_ago: 0.5 })));
    const oldestId = await sandbox.addChat({ from: line, to: [oldest], outbound: 1, hours_ago: 24 * 365 });
    await indexChats();
    const listed = (await sandbox.requests({ path: '/v3/chats', method: 'GET' })).filter((r) => r.path === '/v3/chats');
    const lastPage = listed.at(-1)!;
    expect(Number(lastPage.query.cursor)).toBeGreaterThanOrEqual(100);

    const before = new Date().toISOString();
    await page.goto(`${chatsOf(line)}&show=eligible`);
    await expect(row(page, oldest).getByText('Eligible', { exact: true })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Chats' }).getByRole('row')).toHaveCount(2);
    await expect(page.getByRole('link', { name: 'Eligible now (1)' })).toBeVisible();
    await expect(page.getByText(/chats indexed/)).toBeVisible();
    // Nothing about this number or this chat was asked of Linq to show the page (other tests may be calling it meanwhile).
    const asked = (await sandbox.requests()).filter(
      (r) => r.at >= before && (r.query.from === line || r.path.includes(oldestId) || r.query.phone_number === line),
    );
    expect(asked).toEqual([]);
  });
});
