import { expect, test } from './fixtures';

// A number's automatic share as staff set it up and watch it, and Impact as they read it. The pause
// is the account's one switch: the tests of this file run one after another so that it never holds
// another test's share.
test.describe.configure({ mode: 'serial' });

const customer = () => `+1646${String(Date.now()).slice(-7)}`;

test.describe('automatic share', () => {
  test('an operator sets it up; the card follows the first message of a new conversation, once, and History shows it as Automatic', async ({
    page,
    db,
    sandbox,
    signInAs,
    indexChats,
  }) => {
    test.setTimeout(180_000);
    const operator = await signInAs(page, 'OPERATOR');
    const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
    const handle = customer();
    const chatId = await sandbox.addChat({ from: line, to: [handle], outbound: 0, inbound: 1 });
    await indexChats();

    await page.goto(`/cards/${encodeURIComponent(line)}`);
    const form = page.getByRole('form', { name: 'Automatic share' });
    await expect(form.getByRole('button', { name: 'Save automatic share' })).toBeEnabled();
    await form.getByRole('checkbox', { name: /Share the card automatically/ }).check();
    await form.getByRole('radio', { name: 'After our first message in a chat' }).check();
    await form.getByLabel('Delay (minutes)').fill('0');
    await form.getByRole('checkbox', { name: /Quiet hours/ }).uncheck();
    await form.getByLabel('At most per day').fill('5');
    await expect(form.getByTestId('auto-share-preview')).toHaveText(/would have qualified over the last 7 days/);
    await form.getByRole('button', { name: 'Save automatic share' }).click();
    await expect(page.getByText('Automatic share saved.')).toBeVisible();
    const rule = await db.autoShareRule.findUniqueOrThrow({ where: { phoneNumber: line } });
    expect(rule).toMatchObject({ enabled: true, trigger: 'FIRST_OUTBOUND', delayMinutes: 0, quietStart: null, dailyCap: 5, updatedById: operator.id });
    expect(await db.settingsChange.count({ where: { kind: 'AUTO_SHARE_CHANGED', subject: line, actorId: operator.id } })).toBe(1);

    // The business writes. Whether its message.sent reaches this console depends on webhooks being
    // connected (another test's doing); the next sync finds the message either way, and the tick
    // picks the conversation up within a minute: the card follows by itself, and the page says so.
    await sandbox.sendFromElsewhere(chatId);
    await indexChats();
    const status = page.getByRole('group', { name: 'Automatic share status' });
    await expect(status.getByText(/Since it was switched on: 1 shared/)).toBeVisible({ timeout: 90_000 });
    await expect(status.getByText(/Today: 1 of at most 5 sent/)).toBeVisible();
    expect(await sandbox.shares(chatId)).toHaveLength(1);
    const auto = await db.autoShare.findUniqueOrThrow({ where: { chatId } });
    expect(auto).toMatchObject({ state: 'SHARED', trigger: 'FIRST_OUTBOUND', phoneNumber: line });
    expect(await db.shareEvent.findUniqueOrThrow({ where: { id: auto.eventId! } })).toMatchObject({
      source: 'AUTOMATIC',
      outcome: 'SUCCEEDED',
      actorId: operator.id,
    });

    // More messages in the same conversation, seen again by a sync: nothing more is shared.
    await sandbox.sendFromElsewhere(chatId);
    await indexChats();
    expect(await sandbox.shares(chatId)).toHaveLength(1);
    expect(await db.autoShare.count({ where: { chatId } })).toBe(1);

    await status.getByRole('link', { name: 'See them in History' }).click();
    await expect(page.getByLabel('Source')).toHaveValue('AUTOMATIC');
    await expect(page.getByRole('row', { name: /Automatic/ }).filter({ hasText: handle })).toBeVisible();
  });

  test('an admin pauses every automatic share and resumes them; a viewer sees the rule but cannot change it', async ({
    page,
    browser,
    db,
    sandbox,
    signInAs,
  }) => {
    const admin = await signInAs(page, 'ADMIN');
    await page.goto('/settings');
    await page.getByRole('button', { name: 'Pause all automatic shares' }).click();
    await expect(page.getByText(/All automatic shares are paused/)).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: `Paused by ${admin.name}` })).toBeVisible();
    expect(await db.autoSharePause.findUniqueOrThrow({ where: { id: 'account' } })).toMatchObject({ paused: true, changedById: admin.id });

    // A viewer: the status (with the pause), no form.
    const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
    const viewerContext = await browser.newContext();
    const viewerPage = await viewerContext.newPage();
    await signInAs(viewerPage, 'VIEWER');
    await viewerPage.goto(`/cards/${encodeURIComponent(line)}`);
    await expect(viewerPage.getByRole('heading', { name: 'Automatic share' })).toBeVisible();
    await expect(viewerPage.getByText(/All automatic shares are paused by/)).toBeVisible();
    await expect(viewerPage.getByRole('button', { name: 'Save automatic share' })).toHaveCount(0);
    await viewerContext.close();

    await page.getByRole('button', { name: 'Resume automatic shares' }).click();
    await expect(page.getByText(/Automatic shares resumed/)).toBeVisible();
    expect((await db.autoSharePause.findUniqueOrThrow({ where: { id: 'account' } })).paused).toBe(false);
    const audit = await db.settingsChange.findMany({
      where: { actorId: admin.id, kind: { in: ['AUTO_SHARES_PAUSED', 'AUTO_SHARES_RESUMED'] } },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((change) => change.kind).slice(-2)).toEqual(['AUTO_SHARES_PAUSED', 'AUTO_SHARES_RESUMED']);
  });

  test('a wrong delay, cap or quiet hours get a message beside the field, and nothing is saved', async ({ page, db, sandbox, signInAs }) => {
    await signInAs(page, 'OPERATOR');
    const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
    await page.goto(`/cards/${encodeURIComponent(line)}`);
    const form = page.getByRole('form', { name: 'Automatic share' });
    await expect(form.getByRole('button', { name: 'Save automatic share' })).toBeEnabled();
    await form.getByRole('checkbox', { name: /Share the card automatically/ }).check();
    await form.getByLabel('Delay (minutes)').fill('2000');
    await form.getByLabel('At most per day').fill('0');
    await form.getByLabel('Quiet until').fill('21:00');
    await form.getByRole('button', { name: 'Save automatic share' }).click();
    await expect(form.getByText('The delay can be 24 hours (1440 minutes) at most.')).toBeVisible();
    await expect(form.getByText('The cap must allow at least one share a day; switch automatic share off instead.')).toBeVisible();
    await expect(form.getByText('Quiet hours must end at another time than they start.')).toBeVisible();
    await expect(form.getByLabel('Delay (minutes)')).toHaveAttribute('aria-invalid', 'true');
    expect(await db.autoShareRule.count({ where: { phoneNumber: line } })).toBe(0);
  });
});

test.describe('impact', () => {
  test('shows, per number, how many customers wrote back after the card against comparable chats, and downloads it as CSV', async ({
    page,
    db,
    sandbox,
    signInAs,
  }) => {
    const viewer = await signInAs(page, 'VIEWER');
    const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
    await db.sendingLine.upsert({ where: { phoneNumber: line }, create: { phoneNumber: line, linqId: `impact-${line}` }, update: {} });
    // Ten days ago: 3 of 4 shared chats wrote back within a day; 1 of 4 comparable chats did.
    const at = new Date(Date.now() - 10 * 86_400_000);
    const later = (hours: number) => new Date(at.getTime() + hours * 3_600_000);
    for (let i = 0; i < 8; i++) {
      const id = `impact-e2e-${line}-${i}`;
      const shared = i < 4;
      await db.chat.create({
        data: { id, sendingNumber: line, service: 'iMessage', participants: [`+1646555${String(i).padStart(4, '0')}`], outbound: 'YES', activityAt: at },
      });
      await db.chatTurn.createMany({
        data: [{ chatId: id, at, fromUs: true }, ...((shared ? i < 3 : i === 4) ? [{ chatId: id, at: later(3), fromUs: false }] : [])],
      });
      if (shared)
        await db.shareEvent.create({
          data: {
            chatId: id,
            chatLabel: id,
            sendingNumber: line,
            participants: [],
            actorId: viewer.id,
            source: 'AUTOMATIC',
            outcome: 'SUCCEEDED',
            createdAt: later(0.05),
          },
        });
    }

    await page.goto(`/impact?number=${encodeURIComponent(line)}&weeks=4`);
    await expect(page.getByRole('heading', { name: 'Impact', level: 1 })).toBeVisible();
    const table = page.getByRole('table', { name: `Replies after the card, ${line}` });
    const firstDay = table.getByRole('row', { name: /All shares, within 1 day/ });
    await expect(firstDay).toContainText('75.0%');
    await expect(firstDay).toContainText('of 4');
    await expect(firstDay).toContainText('25.0%');
    await expect(firstDay).toContainText('Too few chats to tell.');
    await expect(table.getByRole('row', { name: /Automatic, within 7 days/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /who wrote back within 3 days/ })).toBeVisible();

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^impact_4-weeks_to_\d{4}-\d{2}-\d{2}_\d+\.csv$/);
    const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    expect(text).toContain(`"${line}","all","1","4","3","0.7500"`);
  });
});
