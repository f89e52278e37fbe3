import { expect, hydrated, test } from './fixtures';
import { callServerAction, findServerAction } from './server-actions';

/** Parses the export: RFC 4180, with the UTF-8 byte-order mark first. */
function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

test.describe('history', () => {
  test('a share and a refused retry appear in History, filter by outcome, and export as CSV', async ({ page, sandbox, signInAs, indexChats }) => {
    const operator = await signInAs(page, 'OPERATOR');
    const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
    const handle = `+1646${String(Date.now()).slice(-7)}`;
    const chatId = await sandbox.addChat({ from: line, to: [handle], outbound: 1 });
    // (Chats added to the sandbox reach the index with a sync; this test must not count on another's.)
    await indexChats();

    await page.goto(`/chats?from=${encodeURIComponent(line)}`);
    await hydrated(page.getByRole('row', { name: handle }));
    await page
      .getByRole('row', { name: handle })
      .getByRole('button', { name: `Share the card into ${handle}` })
      .click();
    await expect(page.getByText('Contact card shared.', { exact: false })).toBeVisible();
    const second = await callServerAction(page.request, { ...findServerAction('lib/actions/shares.ts', 'shareContactCardAction'), pagePath: '/chats' }, [
      chatId,
    ]);
    expect(second.text).toContain('Already shared today');

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'History' }).click();
    await expect(page.getByRole('heading', { name: 'History', exact: true })).toBeVisible();
    await page.getByLabel('Chat or participant').fill(handle);
    await page.getByLabel('Outcome').selectOption('REFUSED');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/outcome=REFUSED/);
    const shares = page.getByRole('table', { name: 'Shares' });
    await expect(shares.getByRole('row')).toHaveCount(2);
    await expect(shares.getByText('Refused')).toBeVisible();
    await expect(shares.getByText(/Already shared today at/)).toBeVisible();

    await page.getByLabel('Outcome').selectOption('');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(shares.getByRole('row')).toHaveCount(3);

    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^share-history_start_to_\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parseCsv(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')));
    expect(rows[0]).toEqual([
      'time_utc',
      'outcome',
      'chat_id',
      'chat',
      'participants',
      'sending_number',
      'actor',
      'actor_email',
      'source',
      'run_id',
      'linq_code',
      'http_status',
      'message',
      'trace_id',
      'latency_ms',
      'later_attempt',
      'later_attempt_utc',
    ]);
    expect(rows.slice(1).map((r) => [r[1], r[2], r[4], r[5], r[7], r[8]])).toEqual([
      ['REFUSED', chatId, handle, line, operator.email, 'MANUAL'],
      ['SUCCEEDED', chatId, handle, line, operator.email, 'MANUAL'],
    ]);
    expect(rows[2]![9]).toBe('');
    expect(rows[2]![11]).toBe('204');
    expect(rows[1]![0]! > rows[2]![0]!).toBe(true);

    // The daily totals count the success (the refusal is not a share), on its UTC day.
    const totalsPromise = page.waitForEvent('download');
    await page.getByRole('link', { name: 'daily totals (CSV)' }).click();
    const totalsFile = await totalsPromise;
    expect(totalsFile.suggestedFilename()).toMatch(/^share_totals_per_day_to_\d{4}-\d{2}-\d{2}\.csv$/);
    const totals = parseCsv(await (await totalsFile.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')));
    expect(totals[0]).toEqual(['day_utc', 'number', 'succeeded', 'manual', 'bulk', 'scheduled', 'automatic', 'failed']);
    expect(totals.filter((r) => r[1] === line)).toEqual([[rows[2]![0]!.slice(0, 10), line, '1', '1', '0', '0', '0', '0']]);
  });

  test('"Chat or participant" finds a number however it is typed, as Chats does; the run picker narrows to one run', async ({
    page,
    db,
    sandbox,
    signInAs,
    indexChats,
  }) => {
    await signInAs(page, 'OPERATOR');
    const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
    const digits = String(Date.now()).slice(-7);
    const [area, exchange, rest] = ['718', digits.slice(0, 3), digits.slice(3)];
    const handle = `+1${area}${exchange}${rest}`;
    const chatId = await sandbox.addChat({ from: line, to: [handle], outbound: 1 });
    await indexChats();

    // A bulk share of this one chat makes a run.
    await page.goto(`/chats?from=${encodeURIComponent(line)}`);
    await expect(() => page.getByRole('checkbox', { name: `Select ${handle}` }).check({ timeout: 1_000 })).toPass();
    await page.getByRole('region', { name: 'Selection' }).getByRole('button', { name: 'Share with 1 chat' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Share with 1 chat' }).click();
    await expect(page).toHaveURL(/\/runs\/[^/]+$/);
    const runId = page.url().split('/runs/')[1]!;
    await expect(page.getByText('Shared 1.')).toBeVisible({ timeout: 60_000 });

    await page.goto('/history');
    const shares = page.getByRole('table', { name: 'Shares' });
    for (const typed of [
      `${area}-${exchange}-${rest}`,
      `${area}${exchange}${rest}`,
      `(${area}) ${exchange}-${rest}`,
      `+1 ${area} ${exchange} ${rest}`,
      chatId,
    ]) {
      await page.getByLabel('Chat or participant').fill(typed);
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(typed);
      await expect(shares.getByRole('row'), typed).toHaveCount(2);
      await expect(shares.getByRole('row').nth(1)).toContainText(handle);
    }

    await page.getByLabel('Chat or participant').fill('');
    const run = await db.shareRun.findUniqueOrThrow({ where: { id: runId } });
    await page.getByLabel('Run').selectOption(runId);
    await expect(page.getByLabel('Run').locator('option:checked')).toHaveText(/: Bulk share by Operator W\d+, 1 chat$/);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(new RegExp(`run=${runId}`));
    await expect(shares.getByRole('row')).toHaveCount(1 + run.shared);
    await expect(shares.getByRole('row').nth(1)).toContainText(handle);
  });

  test('card, staff and settings changes and runs export as CSV with their tab’s filters, matching the database', async ({
    page,
    browser,
    extraHTTPHeaders,
    db,
    sandbox,
    signInAs,
  }) => {
    const admin = await signInAs(page, 'ADMIN');
    const line = await sandbox.addLine();
    const download = async (path: string) => {
      await page.goto(path);
      const started = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Export CSV' }).click();
      const file = await started;
      return {
        name: file.suggestedFilename(),
        rows: parseCsv((await (await file.createReadStream()).toArray().then((c) => Buffer.concat(c))).toString('utf8')),
      };
    };

    // A card made in the editor, and its daily re-share turned on.
    await page.goto(`/cards/${encodeURIComponent(line)}`);
    await page.getByLabel('First name').fill('Harbor');
    await page.getByLabel('No photo').check();
    await page.getByRole('button', { name: 'Create card' }).click();
    await expect(page.getByRole('heading', { name: 'Saved and active' })).toBeVisible();
    const form = page.getByRole('form', { name: 'Daily re-share' });
    await form.getByRole('checkbox', { name: /Share the card again every day/ }).check();
    await form.getByRole('button', { name: 'Save daily re-share' }).click();
    await expect(page.getByText('Daily re-share saved.')).toBeVisible();
    // A staff member added.
    const email = `csv-${test.info().project.name}-${Date.now()}@e2e.test`;
    await page.goto('/staff');
    await page.getByLabel('Name').fill('Csv Person');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Initial password', { exact: true }).fill('csv-person-password');
    await page.getByRole('button', { name: 'Add staff member' }).click();
    await expect(page.getByRole('row', { name: email })).toBeVisible();

    const cards = await download(`/history?tab=cards&number=${encodeURIComponent(line)}`);
    expect(cards.name).toMatch(/^card-changes_start_to_\d{4}-\d{2}-\d{2}_/);
    const revision = await db.cardRevision.findFirstOrThrow({ where: { phoneNumber: line } });
    expect(cards.rows[0]!.slice(0, 6)).toEqual(['time_utc', 'sending_number', 'change', 'outcome', 'actor', 'first_name_before']);
    expect(cards.rows.slice(1).map((r) => r.slice(0, 7))).toEqual([
      [revision.createdAt.toISOString(), line, 'CREATE', revision.outcome, admin.name, '', 'Harbor'],
    ]);

    const staff = await download(`/history?tab=staff&actor=${admin.id}`);
    expect(staff.rows[0]).toEqual([
      'time_utc',
      'change',
      'actor',
      'staff_member',
      'staff_email',
      'role_before',
      'disabled_before',
      'role_after',
      'disabled_after',
    ]);
    expect(staff.rows.filter((r) => r[4] === email).map((r) => r.slice(1))).toEqual([
      ['CREATED', admin.name, 'Csv Person', email, '', '', 'OPERATOR', 'false'],
    ]);

    const settings = await download(`/history?tab=settings&actor=${admin.id}`);
    expect(settings.rows[0]).toEqual(['time_utc', 'change', 'actor', 'subject', 'before', 'after']);
    const saved = settings.rows.filter((r) => r[3] === line);
    expect(saved.map((r) => [r[1], r[2], JSON.parse(r[5]!).enabled])).toEqual([['SCHEDULE_CHANGED', admin.name, true]]);

    const runs = await download(`/history?tab=runs&actor=${admin.id}`);
    expect(runs.rows[0]!.slice(0, 6)).toEqual(['started_utc', 'run_id', 'kind', 'started_by', 'daily_reshare_of', 'status']);
    expect(runs.rows.length - 1).toBe(await db.shareRun.count({ where: { createdById: admin.id } }));

    // Staff and settings changes are for admins only, in a file as on screen.
    const operatorContext = await browser.newContext({ extraHTTPHeaders });
    const operator = await operatorContext.newPage();
    await signInAs(operator, 'OPERATOR');
    expect((await operator.request.get('/api/history/export?tab=staff')).status()).toBe(403);
    expect((await operator.request.get('/api/history/export?tab=settings')).status()).toBe(403);
    expect((await operator.request.get('/api/history/export?tab=cards')).status()).toBe(200);
    await operatorContext.close();
  });

  test('a viewer can read History but not export it', async ({ page, signInAs }) => {
    await signInAs(page, 'VIEWER');
    await page.goto('/history');
    await expect(page.getByRole('heading', { name: 'History', exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveCount(0);
    await expect(page.getByRole('navigation', { name: 'History tabs' }).getByRole('link', { name: 'Staff changes' })).toHaveCount(0);
    await page.getByRole('navigation', { name: 'History tabs' }).getByRole('link', { name: 'Card changes' }).click();
    await expect(page).toHaveURL(/tab=cards/);
    expect((await page.request.get('/api/history/export')).status()).toBe(403);
  });
});
