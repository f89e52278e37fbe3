import type { Locator, Page } from '@playwright/test';
import { expect, hydrated, test } from './fixtures';
import type { SandboxControl } from './sandbox-control';

let counter = 0;
const customer = () => `+1415${String(Date.now() % 100_000).padStart(5, '0')}${String(++counter % 100).padStart(2, '0')}`;
const eligibleNow = (line: string) => `/chats?from=${encodeURIComponent(line)}&show=eligible`;

async function eligibleChat(sandbox: SandboxControl) {
  const line = await sandbox.addLine({ card: { first_name: 'Harbor', last_name: 'Dental' } });
  const handle = customer();
  const chatId = await sandbox.addChat({ from: line, to: [handle], outbound: 1 });
  return { line, handle, chatId };
}

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not on screen');
  return found;
}

/** Opens "Eligible now" of the line and presses Share on the chat's row, which says "Sharing…" at once. */
async function pressShareInEligibleNow(page: Page, line: string, handle: string) {
  await page.goto(eligibleNow(line));
  const row = page.getByRole('row', { name: handle });
  await hydrated(row);
  await row.getByRole('button', { name: `Share the card into ${handle}` }).click();
  const status = row.getByRole('status', { name: `Share with ${handle}` });
  await expect(status.getByText('Sharing…')).toBeVisible();
  return { row, status };
}

async function pageWidth(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

test.describe('slow, failed and uncertain shares say so on their row', () => {
  test('in "Eligible now" a slow share keeps its row with "Sharing…", a failure stays marked with Retry, and the retry shares once', async ({
    page,
    db,
    sandbox,
    signInAs,
    indexChats,
  }) => {
    await signInAs(page, 'OPERATOR');
    const { line, handle, chatId } = await eligibleChat(sandbox);
    await indexChats();
    // Slow enough that "Sharing…" is still there when a busy CI machine looks (2.5 s was not).
    await sandbox.addFaults([{ method: 'POST', path: `/v3/chats/${chatId}/share_contact_card`, delayMs: 6_000, status: 503, code: 4004, times: 1 }]);

    const { row, status } = await pressShareInEligibleNow(page, line, handle);
    await expect(status).toBeFocused();

    await expect(status.getByText('Share failed')).toBeVisible();
    await expect(status.getByText('Linq is temporarily unavailable.')).toBeVisible();
    await expect(status.getByText(/^Trace id [a-f0-9]{32}$/)).toBeVisible();
    await expect(page.getByText(`Not shared with ${handle}`)).toBeVisible();

    await status.getByRole('button', { name: `Retry the share with ${handle}` }).click();
    await expect(status.getByText('Shared just now')).toBeVisible();
    await expect(page.getByText(`Shared with ${handle}`, { exact: true })).toBeVisible();
    // The chat has left "Eligible now" on the server; its row stays until the page changes.
    await expect
      .poll(async () => (await page.request.get(`/api/chats?from=${encodeURIComponent(line)}&show=eligible`).then((r) => r.json())).rows.length)
      .toBe(0);
    await expect(row.getByText('Shared just now')).toBeVisible();

    expect(await sandbox.shares(chatId)).toHaveLength(1);
    expect((await db.shareEvent.findMany({ where: { chatId }, orderBy: { createdAt: 'asc' } })).map((e) => e.outcome)).toEqual(['FAILED', 'SUCCEEDED']);
  });

  test('a share Linq does not answer in time says "Unknown outcome" on its row and holds the chat', async ({ page, db, sandbox, signInAs, indexChats }) => {
    test.setTimeout(90_000);
    await signInAs(page, 'OPERATOR');
    const { line, handle, chatId } = await eligibleChat(sandbox);
    await indexChats();
    // Longer than the console waits for a share (20 s): it cannot know whether the card arrived.
    await sandbox.addFaults([{ method: 'POST', path: `/v3/chats/${chatId}/share_contact_card`, delayMs: 22_000, times: 1 }]);

    const { row, status } = await pressShareInEligibleNow(page, line, handle);
    await expect(status.getByText('Unknown outcome')).toBeVisible({ timeout: 40_000 });
    await expect(status.getByText(/the card may have reached the customer/)).toBeVisible();
    await expect(page.getByText(`Outcome unknown for ${handle}`)).toBeVisible();
    await expect(row.getByRole('button', { name: `Share the card into ${handle}` })).toBeDisabled();
    const event = await db.shareEvent.findFirstOrThrow({ where: { chatId } });
    expect(event.outcome).toBe('UNKNOWN');

    // Releasing the hold asks why, and waits until the share can no longer reach Linq.
    await row.getByRole('button', { name: `Share history of ${handle}` }).click();
    const release = page.getByRole('form', { name: 'Release the hold' });
    await release.getByLabel('Why you believe it did not arrive').fill('The customer says no card was offered.');
    await release.getByRole('button', { name: 'Release the hold' }).click();
    await expect(release.getByText(/^The share may still be on its way to Linq: it can be released from /)).toBeVisible();
    expect(await db.shareHoldRelease.count({ where: { chatId } })).toBe(0);
    // Two minutes later (as if): released, with the reason on record.
    await db.shareEvent.update({ where: { id: event.id }, data: { createdAt: new Date(Date.now() - 150_000), completedAt: new Date(Date.now() - 120_000) } });
    await release.getByRole('button', { name: 'Release the hold' }).click();
    await expect(page.getByText(/^Released: the chat can receive the card again now/)).toBeVisible();
    expect(await db.shareHoldRelease.findFirstOrThrow({ where: { chatId } })).toMatchObject({
      eventId: event.id,
      reason: 'The customer says no card was offered.',
    });
  });

  test('toasts stack in the sidebar column at 1440 × 900, never over the table’s Share buttons', async ({ page, sandbox, signInAs, indexChats }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signInAs(page, 'OPERATOR');
    const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
    const handles = [customer(), customer(), customer()];
    for (const handle of handles) await sandbox.addChat({ from: line, to: [handle], outbound: 1 });
    await indexChats();

    await page.goto(eligibleNow(line));
    await hydrated(page.getByRole('table', { name: 'Chats' }));
    const table = await box(page.getByRole('table', { name: 'Chats' }));
    // Each toast is measured while it is on screen (they leave by themselves after a few seconds).
    for (const handle of handles) {
      await page.getByRole('button', { name: `Share the card into ${handle}` }).click();
      const toast = page.locator('[data-sonner-toast]').filter({ hasText: `Shared with ${handle}` });
      await expect(toast).toBeVisible();
      await expect
        .poll(async () =>
          (await page.locator('[data-sonner-toast]').evaluateAll((all) => all.map((t) => t.getBoundingClientRect().right))).every((right) => right <= table.x),
        )
        .toBe(true);
    }
  });
});

test.describe('phones (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('chats are stacked cards with Share in reach, and the page never scrolls sideways', async ({ page, sandbox, signInAs, indexChats }) => {
    await signInAs(page, 'OPERATOR');
    const { line, handle, chatId } = await eligibleChat(sandbox);
    await indexChats();

    await page.goto(eligibleNow(line));
    const card = page.getByRole('listitem', { name: handle });
    await hydrated(card);
    await expect(card.getByText('Eligible', { exact: true })).toBeVisible();
    const share = card.getByRole('button', { name: `Share the card into ${handle}` });
    await share.scrollIntoViewIfNeeded();
    await expect(share).toBeInViewport({ ratio: 1 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);

    await share.click();
    await expect(card.getByRole('status', { name: `Share with ${handle}` }).getByText('Shared just now')).toBeVisible();
    expect(await sandbox.shares(chatId)).toHaveLength(1);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  });

  test('the Sandbox badge fits in the navigation bar', async ({ page, signInAs }) => {
    await signInAs(page, 'VIEWER');
    await page.goto('/');
    const badge = await box(page.getByText('Sandbox', { exact: true }));
    expect(badge.x + badge.width).toBeLessThanOrEqual(390);
  });
});

test('the Sandbox badge fits the sidebar on a desktop', async ({ page, signInAs }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAs(page, 'VIEWER');
  await page.goto('/');
  const sidebar = await box(page.locator('aside'));
  const badge = await box(page.getByText('Sandbox', { exact: true }));
  expect(badge.x + badge.width).toBeLessThanOrEqual(sidebar.x + sidebar.width);
});

test.describe('Linq down', () => {
  test('a card page shows the code, the trace id and Retry, keeps the last saved card readable, and Retry brings the editor back', async ({
    page,
    sandbox,
    signInAs,
  }) => {
    await signInAs(page, 'OPERATOR');
    const phone = await sandbox.addLine({ card: { first_name: 'Harbor', last_name: 'Dental' } });
    await page.goto(`/cards/${encodeURIComponent(phone)}`);
    await page.getByLabel('Last name').fill('Dental Care');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('heading', { name: 'Saved and active' })).toBeVisible();

    // Every read of this number's card is answered 503 until Linq is back (below): the console's own
    // background reads of the card (a counted number of faults would go to them) cannot take them.
    const cardReads = `^/v3/contact_card\\?phone_number=(%2B|\\+)${phone.slice(1)}`;
    await sandbox.addFaults([{ method: 'GET', path: cardReads, status: 503, code: 4004 }]);
    await page.reload();
    const panel = page.getByRole('region', { name: 'Linq unavailable' });
    await expect(panel.getByRole('heading', { name: 'Linq is temporarily unavailable.' })).toBeVisible();
    await expect(panel.getByText(/Linq code 4004\. Trace id [a-f0-9]{32}\./)).toBeVisible();
    const saved = page.getByRole('region', { name: 'Last saved card' });
    await expect(saved.getByText('Dental Care', { exact: true })).toBeVisible();

    // Linq is back.
    await sandbox.removeFaults(cardReads);
    await panel.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByLabel('Last name')).toHaveValue('Dental Care');
    await expect(panel).toHaveCount(0);
  });
});

test.describe('times in the viewer’s zone', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('History names the zone its days are read in and offers today, yesterday and the last 7 days', async ({ page, signInAs }) => {
    await signInAs(page, 'VIEWER');
    await page.goto('/history');
    await expect(page.getByText('Days in your time zone, America/New_York')).toBeVisible();
    const today = await page.evaluate(() => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date()));
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const weekAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);

    await page.getByRole('button', { name: 'Yesterday' }).click();
    await expect(page).toHaveURL(new RegExp(`from=${yesterday}&to=${yesterday}&tz=America%2FNew_York`));
    await expect(page.getByLabel('From')).toHaveValue(yesterday);
    await page.getByRole('button', { name: 'Last 7 days' }).click();
    await expect(page).toHaveURL(new RegExp(`from=${weekAgo}&to=${today}&tz=America%2FNew_York`));
  });
});
