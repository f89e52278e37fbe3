import type { Page } from '@playwright/test';
import { expect, signInRequest, test } from './fixtures';
import { testPasswordHash } from './password-hash';
import { callServerAction, findServerAction, formData } from './server-actions';

// Staff limited to some numbers: a shop's people see and act on the shop's lines and nothing else.
// Each test makes its own lines, chats and people, so parallel tests never see each other's.

let customers = 0;
const uniqueCustomer = () => `+1917${String(Date.now() % 100_000).padStart(5, '0')}${String(++customers % 100).padStart(2, '0')}`;
const PASSWORD = 'scoped-staff-password';

type Fixtures = Parameters<Parameters<typeof test>[2]>[0];

/** Two lines with a card and two shareable chats each, indexed; a run, a share and a card change on the other line. */
async function twoShops({ sandbox, db, indexChats, staff }: Pick<Fixtures, 'sandbox' | 'db' | 'indexChats' | 'staff'>) {
  const mine = await sandbox.addLine({ card: { first_name: 'Harbor' } });
  const other = await sandbox.addLine({ card: { first_name: 'Elsewhere' } });
  const myCustomers = [uniqueCustomer(), uniqueCustomer()];
  const otherCustomers = [uniqueCustomer(), uniqueCustomer()];
  const myChats = [];
  for (const customer of myCustomers) myChats.push(await sandbox.addChat({ from: mine, to: [customer], outbound: 1 }));
  const otherChats = [];
  for (const customer of otherCustomers) otherChats.push(await sandbox.addChat({ from: other, to: [customer], outbound: 1 }));
  await indexChats();
  // The other shop's run belongs to its own person: a paused run counts towards its owner's limit.
  const suffix = Math.random().toString(36).slice(2, 8);
  const owner = await db.user.create({ data: { email: `elsewhere-${suffix}@e2e.test`, name: `Elsewhere ${suffix}`, role: 'OPERATOR', passwordHash: 'x' } });
  const otherRun = await db.shareRun.create({
    data: {
      source: 'BULK',
      status: 'PAUSED',
      pausedReason: 'staff',
      createdById: owner.id,
      selection: { kind: 'chats', chatIds: otherChats },
      numbers: [other],
      total: 2,
      items: { create: otherChats.map((chatId) => ({ chatId, sendingNumber: other })) },
    },
  });
  await db.shareEvent.create({
    // Written as the console writes them (every list field set): other tests' pages read these rows too.
    data: {
      chatId: otherChats[0]!,
      chatLabel: 'Elsewhere customer',
      participants: [otherCustomers[0]!],
      sendingNumber: other,
      actorId: staff.ADMIN.id,
      outcome: 'SUCCEEDED',
      completedAt: new Date(),
    },
  });
  await db.cardRevision.create({
    data: { phoneNumber: other, write: 'UPDATE', outcome: 'APPLIED', actorId: staff.ADMIN.id, afterFirstName: 'Elsewhere', sentFields: ['first_name'] },
  });
  return { mine, other, myChats, otherChats, myCustomers, otherCustomers, otherRun };
}

async function scopedPerson(db: Fixtures['db'], role: 'OPERATOR' | 'VIEWER', numbers: string[]) {
  const suffix = Math.random().toString(36).slice(2, 8);
  const email = `${role.toLowerCase()}-shop-${suffix}@e2e.test`;
  const user = await db.user.create({
    data: { email, name: `Shop ${role.toLowerCase()} ${suffix}`, role, passwordHash: await testPasswordHash(PASSWORD), limitedToNumbers: true, numbers },
  });
  return { ...user, password: PASSWORD };
}

/** Two shops, and a person of the given role limited to the first one's number, signed in on the page. */
async function limitedPerson(fixtures: Pick<Fixtures, 'page' | 'sandbox' | 'db' | 'indexChats' | 'staff'>, role: 'OPERATOR' | 'VIEWER') {
  const shops = await twoShops(fixtures);
  const person = await scopedPerson(fixtures.db, role, [shops.mine]);
  await signInRequest(fixtures.page.request, person);
  return shops;
}

const action = (filename: string, name: string, pagePath: string) => ({ ...findServerAction(filename, name), pagePath });

async function html(page: Page, path: string) {
  const response = await page.request.get(path, { maxRedirects: 0 });
  return { status: response.status(), text: await response.text() };
}

test('an admin limits an operator to some numbers from the Staff page, and gives them every number again', async ({ page, db, sandbox, signInAs }) => {
  await signInAs(page, 'ADMIN');
  const mine = await sandbox.addLine({ card: { first_name: 'Harbor' } });
  await db.sendingLine.upsert({ where: { phoneNumber: mine }, create: { phoneNumber: mine, linqId: `line-${mine}` }, update: {} });
  const suffix = Math.random().toString(36).slice(2, 8);
  const person = await db.user.create({ data: { email: `robin-${suffix}@e2e.test`, name: `Robin ${suffix}`, role: 'OPERATOR', passwordHash: 'x' } });

  await page.goto('/staff');
  const row = page.getByRole('row', { name: person.email });
  await expect(row.getByText('Every number')).toBeVisible();
  await row.getByRole('button', { name: `Numbers of ${person.name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Numbers of ${person.name}` });
  await dialog.getByRole('radio', { name: 'Only these numbers' }).check();
  await dialog.getByRole('button', { name: 'Save numbers' }).click();
  await expect(dialog.getByText('Choose at least one number, or give them every number.')).toBeVisible();
  await dialog.getByRole('checkbox', { name: mine }).check();
  await dialog.getByRole('button', { name: 'Save numbers' }).click();
  await expect(page.getByText(`From their next click they see and act on ${mine}. The change is recorded.`)).toBeVisible();
  await expect(row.getByText(`Only ${mine}`)).toBeVisible();
  expect(await db.user.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({ limitedToNumbers: true, numbers: [mine] });

  await row.getByRole('button', { name: `Numbers of ${person.name}` }).click();
  await dialog.getByRole('radio', { name: 'Every number' }).check();
  await dialog.getByRole('button', { name: 'Save numbers' }).click();
  await expect(page.getByText('From their next click they see and act on every number. The change is recorded.')).toBeVisible();
  await expect(row.getByText('Every number')).toBeVisible();
  const changes = await db.staffChange.findMany({ where: { targetId: person.id, kind: 'NUMBERS_CHANGED' }, orderBy: { createdAt: 'asc' } });
  expect(changes.map((change) => [change.before, change.after])).toEqual([
    [{ numbers: null }, { numbers: [mine] }],
    [{ numbers: [mine] }, { numbers: null }],
  ]);
});

test('an operator limited to one number sees, counts and shares only its chats; everything of another number is refused on the server', async ({
  page,
  db,
  sandbox,
  indexChats,
  staff,
}) => {
  test.setTimeout(120_000);
  const { mine, other, myChats, otherChats, myCustomers, otherCustomers, otherRun } = await limitedPerson({ page, sandbox, db, indexChats, staff }, 'OPERATOR');

  // The Chats page, as the person sees it: their line's chats, and the bulk share says it keeps to their numbers.
  // Searching for the other line's customer finds nothing: its chats are not theirs.
  const table = page.getByRole('table', { name: 'Chats' });
  await page.goto(`/chats?q=${encodeURIComponent(otherCustomers[0]!)}`);
  await expect(page.getByText('No chat matches', { exact: false })).toBeVisible();
  await page.goto(`/chats?q=${encodeURIComponent(myCustomers[0]!)}`);
  await expect(table.getByRole('row', { name: myCustomers[0] })).toBeVisible();
  await page.goto('/chats');
  await expect(page.getByRole('combobox', { name: 'Sending number' }).getByRole('option')).toHaveText([/All numbers/, new RegExp(`\\${mine}`)]);

  // Reads: nothing of the other number, whatever is asked.
  const chats = (await (await page.request.get('/api/chats?limit=100')).json()) as {
    rows: Array<{ id: string; sendingNumber: string }>;
    lines: Array<{ phoneNumber: string }>;
  };
  expect(new Set(chats.rows.map((row) => row.sendingNumber))).toEqual(new Set([mine]));
  expect(chats.lines.map((line) => line.phoneNumber)).toEqual([mine]);
  expect((await (await page.request.get(`/api/chats?from=${encodeURIComponent(other)}`)).json()).rows).toEqual([]);
  const counts = (await (await page.request.get('/api/chats/counts')).json()) as { total: number; line: Record<string, number> };
  expect(counts.total).toBe(chats.rows.length);
  expect(Object.keys(counts.line).sort()).toEqual(['all', mine].sort());
  expect((await (await page.request.get(`/api/chats/rows?ids=${otherChats.join(',')}`)).json()).rows).toEqual([]);
  for (const path of [
    `/api/chats/${otherChats[0]}/shares`,
    `/api/chats/${otherChats[0]}/messages`,
    `/api/cards/${encodeURIComponent(other)}`,
    `/api/runs/${otherRun.id}`,
    `/api/runs/${otherRun.id}/export`,
  ]) {
    expect((await html(page, path)).status, path).toBe(404);
  }
  // Pages answer as for an address that does not exist (streamed, so the status is already sent).
  for (const path of [`/chats/${otherChats[0]}`, `/cards/${encodeURIComponent(other)}`, `/runs/${otherRun.id}`]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Page not found' }), path).toBeVisible();
    expect(await page.content(), path).not.toContain(otherCustomers[0]);
  }
  expect((await html(page, `/cards/${encodeURIComponent(mine)}`)).status).toBe(200);
  for (const path of [
    '/',
    '/cards',
    '/history',
    '/history?tab=runs',
    '/history?tab=cards',
    '/impact',
    '/api/history/export?tab=shares',
    '/api/impact/export',
  ]) {
    const answer = await html(page, path);
    expect(answer.status, path).toBe(200);
    expect(answer.text, path).not.toContain(other);
    expect(answer.text, path).not.toContain(otherRun.id);
  }

  // Actions: refused on the server, and nothing reaches Linq or changes.
  const share = await callServerAction(page.request, action('lib/actions/shares.ts', 'shareContactCardAction', '/chats'), [otherChats[1]]);
  expect(share.text).toContain('That chat is not on one of your numbers in this console.');
  expect(await sandbox.shares(otherChats[1]!)).toHaveLength(0);
  const card = await callServerAction(page.request, action('lib/actions/contact-cards.ts', 'saveContactCardAction', '/cards'), [
    null,
    formData({ phoneNumber: other, firstName: 'Hijacked', photoMode: 'keep' }),
  ]);
  expect(card.text).toContain('That number is not one of yours in this console.');
  const schedule = await callServerAction(page.request, action('lib/actions/schedules.ts', 'saveScheduleAction', '/cards'), [
    null,
    formData({ phoneNumber: other, enabled: 'on', timeOfDay: '09:00', timeZone: 'UTC' }),
  ]);
  expect(schedule.text).toContain('That number is not one of yours in this console.');
  expect(await db.shareSchedule.count({ where: { phoneNumber: other } })).toBe(0);
  const control = await callServerAction(page.request, action('lib/actions/runs.ts', 'controlRunAction', '/history'), [otherRun.id, 'cancel']);
  expect(control.text).toContain('That run could not be identified');
  expect((await db.shareRun.findUniqueOrThrow({ where: { id: otherRun.id } })).status).toBe('PAUSED');

  // A bulk share naming chats of both lines covers the person's only, and the confirmation says so.
  const selection = { kind: 'chats', chatIds: [...myChats, ...otherChats] };
  const plan = await callServerAction(page.request, action('lib/actions/runs.ts', 'planBulkShareAction', '/chats'), [selection]);
  expect(plan.text).toContain(`Only chats of your numbers are covered: ${mine}.`);
  expect(plan.text).toContain('"total":2');
  const started = await callServerAction(page.request, action('lib/actions/runs.ts', 'startBulkShareAction', '/chats'), [selection]);
  const runId = /"runId":"([^"]+)"/.exec(started.text)?.[1];
  expect(runId, started.text).toBeTruthy();
  const run = await db.shareRun.findUniqueOrThrow({ where: { id: runId }, include: { items: true } });
  expect(run.numbers).toEqual([mine]);
  expect(run.items.map((item) => item.chatId).sort()).toEqual([...myChats].sort());
  await expect.poll(async () => (await db.shareRun.findUniqueOrThrow({ where: { id: runId } })).status, { timeout: 60_000 }).toBe('COMPLETED');
  for (const chatId of otherChats) expect(await sandbox.shares(chatId)).toHaveLength(0);
});

test('a viewer limited to one number reads its figures only, and the Overview, History and Impact agree with its Chats page', async ({
  page,
  db,
  sandbox,
  indexChats,
  staff,
}) => {
  test.setTimeout(120_000);
  const { mine, other, otherRun } = await limitedPerson({ page, sandbox, db, indexChats, staff }, 'VIEWER');

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await expect(page.getByText(mine).first()).toBeVisible();
  await expect(page.getByText(other)).toHaveCount(0);
  await page.goto('/history');
  await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();
  await expect(page.getByText('Elsewhere customer')).toHaveCount(0);
  await page.goto('/history?tab=runs');
  await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();
  expect(await page.content()).not.toContain(otherRun.id);
  await page.goto('/account');
  await expect(page.getByText(`viewer, limited to ${mine}.`, { exact: false })).toBeVisible();

  // The index's size above the Chats page is theirs too.
  await page.goto('/chats');
  await expect(page.getByRole('region', { name: 'Chat index' }).getByRole('status')).toContainText(/^2 chats indexed/);
  // The chats the Overview counts for the number are the rows the Chats page lists for it.
  const chats = (await (await page.request.get(`/api/chats?from=${encodeURIComponent(mine)}&limit=100`)).json()) as { rows: unknown[] };
  expect(chats.rows).toHaveLength(2);
  const counts = (await (await page.request.get('/api/chats/counts')).json()) as { total: number };
  expect(counts.total).toBe(2);
  // A viewer may not act, limited or not.
  const share = await callServerAction(page.request, action('lib/actions/shares.ts', 'shareContactCardAction', '/chats'), ['any-chat']);
  expect(share.text).toContain('Your role does not allow this');
});
