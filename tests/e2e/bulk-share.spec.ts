import { expect, test } from './fixtures';

// Bulk share from the Chats page and the daily re-share on a number's card page, as an operator
// does them; the sandbox's record of shares and the database are checked afterwards.

let counter = 0;
const customer = () => `+1415${String(Date.now() % 100_000).padStart(5, '0')}${String(++counter % 100).padStart(2, '0')}`;

test.describe('bulk share', () => {
  test('select all matching the filter → confirm → the bar fills → the report matches the sandbox; the failed one is retried', async ({
    page,
    db,
    sandbox,
    signInAs,
    indexChats,
  }) => {
    test.setTimeout(180_000);
    const operator = await signInAs(page, 'OPERATOR');
    const line = await sandbox.addLine({ card: { first_name: 'Harbor', last_name: 'Dental' } });
    const eligible: string[] = [];
    for (let i = 0; i < 58; i++) eligible.push(await sandbox.addChat({ from: line, to: [customer()], outbound: 1 }));
    const sms = [
      await sandbox.addChat({ from: line, to: [customer()], service: 'SMS', outbound: 1 }),
      await sandbox.addChat({ from: line, to: [customer()], service: 'SMS', outbound: 1 }),
    ];
    const silent = await sandbox.addChat({ from: line, to: [customer()], outbound: 0, inbound: 2 });
    // Linq refuses one chat's share once (card not found): it fails, then succeeds when retried.
    const stubborn = eligible[7]!;
    await sandbox.addFaults([{ method: 'POST', path: `/v3/chats/${stubborn}/share_contact_card$`, status: 404, code: 2012, times: 1 }]);
    await indexChats();

    await page.goto(`/chats?from=${encodeURIComponent(line)}`);
    // (Until the page has hydrated a click on the checkbox does nothing: try until it takes.)
    await expect(() => page.getByRole('checkbox', { name: 'Select every chat on this page' }).check({ timeout: 1_000 })).toPass();
    const selectionBar = page.getByRole('region', { name: 'Selection' });
    await expect(selectionBar.getByRole('status')).toHaveText(/^50 selected · \d+ can receive the card now$/);
    await selectionBar.getByRole('button', { name: 'Select all 61 chats matching this filter' }).click();
    await expect(selectionBar.getByRole('status')).toHaveText('All 61 chats matching this filter selected · 58 can receive the card now');
    // The selection stays on the filter's next page.
    await page.getByRole('link', { name: 'Next page' }).click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(page.getByRole('row')).toHaveCount(12);
    await expect(selectionBar.getByRole('status')).toHaveText('All 61 chats matching this filter selected · 58 can receive the card now');
    await selectionBar.getByRole('button', { name: 'Share with 58 chats' }).click();

    const dialog = page.getByRole('dialog', { name: 'Share the card with these chats?' });
    await expect(dialog.getByText('58 of 61 chats will receive the card.')).toBeVisible();
    await expect(dialog.getByRole('row', { name: `${line} 58 3` })).toBeVisible();
    await expect(dialog.getByRole('list', { name: 'Skipped chats' }).getByRole('listitem')).toHaveText(['not iMessage: 2', 'no message sent yet: 1']);
    await expect(dialog.getByText(/^Expected duration: /)).toBeVisible();
    await dialog.getByRole('button', { name: 'Share with 58 chats' }).click();

    await expect(page).toHaveURL(/\/runs\/[^/]+$/);
    const runId = page.url().split('/runs/')[1]!;
    const bar = page.getByRole('progressbar', { name: 'Chats done' });
    await expect(bar).toHaveAttribute('aria-valuemax', '61');
    await expect(bar).toHaveAttribute('aria-valuenow', '61', { timeout: 90_000 });
    await expect(
      page.getByText('Shared 57; failed 1: No contact card is set up for this number (2012); skipped 3: not iMessage 2, no message sent yet 1.'),
    ).toBeVisible();
    await expect(page.getByText('Completed', { exact: true })).toBeVisible();

    const run = await db.shareRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ source: 'BULK', status: 'COMPLETED', createdById: operator.id, total: 61, shared: 57, failed: 1, skipped: 3 });
    for (const chatId of eligible) expect((await sandbox.shares(chatId)).length, chatId).toBe(chatId === stubborn ? 0 : 1);
    for (const chatId of [...sms, silent]) expect(await sandbox.shares(chatId)).toEqual([]);
    expect(await db.shareEvent.count({ where: { runId, source: 'BULK', outcome: 'SUCCEEDED' } })).toBe(57);

    // The report's failed chat opens exactly its row in History.
    await page.getByRole('link', { name: 'Failed: 1 (open in History)' }).click();
    await expect(page).toHaveURL(/latest=1/);
    await expect(page.getByRole('table', { name: 'Shares' }).getByRole('row')).toHaveCount(2);
    await page.goBack();

    // Retry the failed ones: a new run with that chat only, offered once.
    await page.getByRole('button', { name: 'Retry the failed ones' }).click();
    await expect(page).not.toHaveURL(new RegExp(`/runs/${runId}$`));
    await expect(page.getByRole('progressbar', { name: 'Chats done' })).toHaveAttribute('aria-valuenow', '1', { timeout: 60_000 });
    await expect(page.getByText('Shared 1.')).toBeVisible();
    expect(await sandbox.shares(stubborn)).toHaveLength(1);
    const retryId = page.url().split('/runs/')[1]!;
    await page.goto(`/runs/${runId}`);
    await expect(page.getByRole('link', { name: 'See the run that retried its failed chats' })).toHaveAttribute('href', `/runs/${retryId}`);
    await expect(page.getByRole('button', { name: 'Retry the failed ones' })).toHaveCount(0);
    expect(await db.shareRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ retriedByRunId: retryId });

    // History: the run in the Runs tab; its failed attempt is marked as retried and shared, and no
    // chat counts as failed any more among the latest attempts.
    await page.goto('/history?tab=runs');
    await expect(page.getByRole('table', { name: 'Runs' }).getByRole('link', { name: 'Bulk share' }).first()).toBeVisible();
    await page.goto(`/history?run=${runId}&outcome=FAILED`);
    const failedRows = page.getByRole('table').getByRole('row').filter({ hasText: 'Failed' });
    await expect(failedRows).toHaveCount(1);
    await expect(failedRows.getByText(/^Retried → shared /)).toBeVisible();
    await page.goto(`/history?q=${stubborn}&outcome=FAILED&latest=1`);
    await expect(page.getByText('No share matches these filters.')).toBeVisible();
  });

  test('chats picked on two pages stay selected; the bar counts those that can receive the card and shares only those', async ({
    page,
    db,
    sandbox,
    signInAs,
    indexChats,
  }) => {
    test.setTimeout(180_000);
    const operator = await signInAs(page, 'OPERATOR');
    const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
    // Listed by last activity: the eligible chat, made first, is on the second page of 20.
    const eligible = await sandbox.addChat({ from: line, to: [customer()], outbound: 1 });
    const sms: string[] = [];
    for (let i = 0; i < 21; i++) sms.push(await sandbox.addChat({ from: line, to: [customer()], service: 'SMS', outbound: 1 }));
    await indexChats();

    await page.goto(`/chats?from=${encodeURIComponent(line)}&limit=20`);
    await expect(() => page.getByRole('checkbox', { name: 'Select every chat on this page' }).check({ timeout: 1_000 })).toPass();
    const selectionBar = page.getByRole('region', { name: 'Selection' });
    await expect(selectionBar.getByRole('status')).toHaveText('20 selected · 0 can receive the card now');
    await expect(selectionBar.getByRole('button', { name: 'Share with 0 chats' })).toBeDisabled();

    await page.getByRole('link', { name: 'Next page' }).click();
    await expect(page.getByRole('table', { name: 'Chats' }).getByRole('row')).toHaveCount(3);
    await page.getByRole('checkbox', { name: 'Select every chat on this page' }).check();
    await expect(selectionBar.getByRole('status')).toHaveText('22 selected · 1 can receive the card now');
    await page.getByRole('link', { name: 'First page' }).click();
    await expect(page.getByRole('checkbox', { name: 'Select every chat on this page' })).toBeChecked();
    await selectionBar.getByRole('button', { name: 'Share with 1 chat' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share the card with these chats?' });
    await expect(dialog.getByText('1 of 22 chats will receive the card.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Share with 1 chat' }).click();

    await expect(page).toHaveURL(/\/runs\/[^/]+$/);
    const runId = page.url().split('/runs/')[1]!;
    // Other tests' runs may hold this instance's two run workers for a slice (30 s) first.
    await expect(page.getByRole('progressbar', { name: 'Chats done' })).toHaveAttribute('aria-valuenow', '22', { timeout: 90_000 });
    expect(await db.shareRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ createdById: operator.id, total: 22, shared: 1, skipped: 21 });
    expect(await sandbox.shares(eligible)).toHaveLength(1);
    for (const chatId of sms) expect(await sandbox.shares(chatId)).toEqual([]);

    // Settings names the job after its run, in plain words, and links to it. The run's jobs recorded
    // it; the list shows the latest 25 jobs, which other tests' jobs may have pushed this one out of
    // by now, so one more of its rows is recorded as the newest.
    const recorded = await db.jobRun.findFirstOrThrow({ where: { queue: 'runs.share', subjectId: runId } });
    await db.jobRun.create({
      data: {
        queue: 'runs.share',
        jobId: `${recorded.jobId}-again`,
        subjectId: runId,
        instance: 'e2e',
        status: 'SUCCEEDED',
        finishedAt: new Date(),
        durationMs: 5,
      },
    });
    // The operator's run page stops first: a request of it answered after the admin signs in would
    // set the operator's session cookie again.
    await page.goto('about:blank');
    await signInAs(page, 'ADMIN');
    await page.goto('/settings');
    const jobs = page.getByRole('table', { name: 'Jobs' });
    await expect(jobs.locator(`a[href="/runs/${runId}"]`).first()).toHaveText(/^Bulk share of \d{1,2} \w{3} \d{4}, \d{2}:\d{2} /);
    await expect(jobs.getByText('runs.share')).toHaveCount(0);
  });

  test('a viewer sees no checkboxes and no Share buttons', async ({ page, sandbox, signInAs, indexChats }) => {
    await signInAs(page, 'VIEWER');
    const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
    const handle = customer();
    await sandbox.addChat({ from: line, to: [handle], outbound: 1 });
    await indexChats();
    await page.goto(`/chats?from=${encodeURIComponent(line)}`);
    await expect(page.getByRole('row', { name: handle })).toBeVisible();
    await expect(page.getByRole('checkbox')).toHaveCount(0);
  });
});

test.describe('daily re-share', () => {
  test('an operator turns it on for a number; the preview says when and how many; the change is audited', async ({
    page,
    db,
    sandbox,
    signInAs,
    indexChats,
  }) => {
    const operator = await signInAs(page, 'OPERATOR');
    const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
    await sandbox.addChat({ from: line, to: [customer()], outbound: 1, inbound: 1 });
    await sandbox.addChat({ from: line, to: [customer()], outbound: 1, inbound: 0 });
    await sandbox.addChat({ from: line, to: [customer()], outbound: 1, health: 'CRITICAL' });
    await indexChats();

    await page.goto(`/cards/${encodeURIComponent(line)}`);
    const form = page.getByRole('form', { name: 'Daily re-share' });
    await expect(form.getByText('The daily re-share is off for this number.')).toBeVisible();
    await form.getByRole('checkbox', { name: /Share the card again every day/ }).check();
    await form.getByLabel('Time of day').fill('09:00');
    await form.getByLabel('Time zone').selectOption('America/New_York');
    await form.getByRole('button', { name: 'Save daily re-share' }).click();
    await expect(page.getByText('Daily re-share saved.')).toBeVisible();
    // The critical chat is never re-shared.
    await expect(form.getByText(/^Next run: (today|tomorrow) 09:00 America\/New_York, about 2 chats as things stand\.$/)).toBeVisible();
    await expect(form.getByText(/^At most once per local day, and at least 22 hours after the last run\. No run yet\./)).toBeVisible();

    await form.getByRole('checkbox', { name: 'Only chats where the customer has written at least once' }).check();
    await form.getByRole('button', { name: 'Save daily re-share' }).click();
    await expect(form.getByText(/, about 1 chat as things stand\.$/)).toBeVisible();
    await expect(
      page.getByText(
        `${operator.name} changed it from every day at 09:00 America/New_York to every day at 09:00 America/New_York, only chats where the customer has written.`,
      ),
    ).toBeVisible();

    expect(await db.shareSchedule.findUniqueOrThrow({ where: { phoneNumber: line } })).toMatchObject({
      enabled: true,
      timeOfDay: '09:00',
      timeZone: 'America/New_York',
      onlyRepliedChats: true,
      updatedById: operator.id,
    });
    const changes = await db.settingsChange.findMany({ where: { kind: 'SCHEDULE_CHANGED', subject: line }, orderBy: { createdAt: 'asc' } });
    expect(changes.map((change) => [change.actorId, (change.before as { enabled: boolean }).enabled, (change.after as { enabled: boolean }).enabled])).toEqual([
      [operator.id, false, true],
      [operator.id, true, true],
    ]);
  });

  test.describe('in the viewer’s own zone', () => {
    test.use({ timezoneId: 'Asia/Kolkata' });

    test('the form shows what was saved, right after saving and on another number’s page, and offers the browser’s zone first', async ({
      page,
      db,
      sandbox,
      signInAs,
    }) => {
      await signInAs(page, 'OPERATOR');
      const [first, second] = [await sandbox.addLine({ card: { first_name: 'Harbor' } }), await sandbox.addLine({ card: { first_name: 'Quay' } })];
      await page.goto(`/cards/${encodeURIComponent(first)}`);
      const form = page.getByRole('form', { name: 'Daily re-share' });
      // Never set up: the viewer's zone, under its current name (the runtime may call it Asia/Calcutta).
      await expect(form.getByLabel('Time zone')).toHaveValue('Asia/Kolkata');
      await form.getByRole('checkbox', { name: /Share the card again every day/ }).check();
      await form.getByLabel('Time of day').fill('09:30');
      // The zone is found by typing part of its name, as people say it.
      await form.getByLabel('Search zones').fill('new york');
      await expect(form.getByLabel('Time zone')).toHaveValue('America/New_York');
      await expect(form.getByText('1 of ')).toBeVisible();
      await form.getByRole('button', { name: 'Save daily re-share' }).click();
      await expect(page.getByText('Daily re-share saved.')).toBeVisible();
      await expect(form.getByText(/^Next run: (today|tomorrow) 09:30 America\/New_York/)).toBeVisible();
      // What was saved stays in the form: on, 09:30, New York.
      await expect(form.getByRole('checkbox', { name: /Share the card again every day/ })).toBeChecked();
      await expect(form.getByLabel('Time of day')).toHaveValue('09:30');
      await expect(form.getByLabel('Time zone')).toHaveValue('America/New_York');
      expect(await db.shareSchedule.findUniqueOrThrow({ where: { phoneNumber: first } })).toMatchObject({
        enabled: true,
        timeOfDay: '09:30',
        timeZone: 'America/New_York',
      });

      // Another number's page, reached without a reload, shows that number's own (unset) schedule.
      await page.getByRole('link', { name: 'All contact cards' }).click();
      await page.getByRole('link', { name: `Edit the card of ${second}` }).click();
      await expect(page.getByRole('heading', { name: `Contact card of ${second}` })).toBeVisible();
      await expect(form.getByRole('checkbox', { name: /Share the card again every day/ })).not.toBeChecked();
      await expect(form.getByLabel('Time zone')).toHaveValue('Asia/Kolkata');
      await expect(form.getByText('The daily re-share is off for this number.')).toBeVisible();
      // And back to the first: as saved.
      await page.getByRole('link', { name: 'All contact cards' }).click();
      await page.getByRole('link', { name: `Edit the card of ${first}` }).click();
      await expect(page.getByRole('heading', { name: `Contact card of ${first}` })).toBeVisible();
      await expect(form.getByLabel('Time of day')).toHaveValue('09:30');
      await expect(form.getByLabel('Time zone')).toHaveValue('America/New_York');
    });
  });

  test('a viewer reads the schedule but cannot change it', async ({ page, sandbox, signInAs }) => {
    await signInAs(page, 'VIEWER');
    const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
    await page.goto(`/cards/${encodeURIComponent(line)}`);
    await expect(page.getByText('The daily re-share is off for this number.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save daily re-share' })).toHaveCount(0);
  });
});
