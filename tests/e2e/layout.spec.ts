import type { Locator, Page } from '@playwright/test';
import { expect, hydrated, test } from './fixtures';
import type { SandboxControl } from './sandbox-control';

// The Chats page at the sizes staff use: a 1280 px and a 1440 px laptop (in both themes) and a
// 390 × 844 phone. Every action must be reachable without scrolling sideways.

let counter = 0;
const customer = () => `+1415${String(Date.now() % 100_000).padStart(5, '0')}${String(++counter % 100).padStart(2, '0')}`;

/** Chats that make rows wide: a long name, a group of four, an SMS chat and a plain one. */
async function wideRows(sandbox: SandboxControl) {
  const line = await sandbox.addLine({ card: { first_name: 'Harbor', last_name: 'Dental' } });
  const handles = [customer(), customer(), customer(), customer(), customer(), customer(), customer()];
  await sandbox.addChat({ from: line, to: [handles[0]!], outbound: 1, display_name: 'Northern Waterfront Family Dental Practice Regulars' });
  await sandbox.addChat({ from: line, to: handles.slice(1, 5), outbound: 1 });
  await sandbox.addChat({ from: line, to: [handles[5]!], service: 'SMS', outbound: 1 });
  await sandbox.addChat({ from: line, to: [handles[6]!], outbound: 0, inbound: 1 });
  return line;
}

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not on screen');
  return found;
}

/** Every row's checkbox, Share and history buttons lie between the left and right edges of the window. */
async function expectActionsInView(page: Page, width: number) {
  const table = page.getByRole('table', { name: 'Chats' });
  const rows = table.getByRole('row');
  await expect(rows).toHaveCount(5);
  for (const row of (await rows.all()).slice(1)) {
    for (const control of [
      row.getByRole('checkbox'),
      row.getByRole('button', { name: /^Share the card into / }),
      row.getByRole('button', { name: /^Share history of / }),
    ]) {
      const { x, width: w } = await box(control);
      expect(x, (await row.getAttribute('aria-label')) ?? '').toBeGreaterThanOrEqual(0);
      expect(x + w, (await row.getAttribute('aria-label')) ?? '').toBeLessThanOrEqual(width);
    }
  }
  // Nothing to scroll sideways: neither the page nor the table's own box.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  expect(await table.evaluate((element) => element.parentElement!.scrollWidth - element.parentElement!.clientWidth)).toBeLessThanOrEqual(0);
}

for (const scheme of ['light', 'dark'] as const) {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1440, height: 900 },
  ]) {
    test.describe(`Chats at ${viewport.width} × ${viewport.height}, ${scheme}`, () => {
      test.use({ viewport, colorScheme: scheme });

      test('every row’s checkbox, Share and history are in view without scrolling sideways', async ({ page, sandbox, signInAs, indexChats }) => {
        await signInAs(page, 'OPERATOR');
        const line = await wideRows(sandbox);
        await indexChats();
        await page.goto(`/chats?from=${encodeURIComponent(line)}`);
        await hydrated(page.getByRole('table', { name: 'Chats' }));
        await expectActionsInView(page, viewport.width);
        // The folded facts are still said on the row: its number, service and health.
        const sms = page.getByRole('row').filter({ hasText: 'SMS' });
        await expect(sms.getByText(line)).toBeVisible();
        await expect(sms.getByText('Healthy')).toBeVisible();
      });
    });
  }
}

test.describe('Chats on a phone (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('filters fold into "Filters (N)", the first chat starts on the first screen, and a share’s answer covers no action', async ({
    page,
    db,
    sandbox,
    signInAs,
    indexChats,
  }) => {
    await signInAs(page, 'OPERATOR');
    const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
    const handles = [customer(), customer()];
    const chatIds = [];
    for (const handle of handles) chatIds.push(await sandbox.addChat({ from: line, to: [handle], outbound: 1 }));
    await indexChats();

    await page.goto(`/chats?from=${encodeURIComponent(line)}&service=iMessage`);
    const cards = page.getByRole('list', { name: 'Chats' }).getByRole('listitem');
    await expect(cards).toHaveCount(2);
    const first = cards.first();
    await hydrated(first);
    const firstHandle = (await first.getAttribute('aria-label'))!;
    const nextHandle = handles.find((handle) => handle !== firstHandle)!;
    expect((await box(first)).y).toBeLessThan(844);
    const toggle = page.getByRole('button', { name: 'Filters (2)' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByLabel('Search')).toBeHidden();
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByLabel('Search')).toBeVisible();
    await expect(page.getByLabel('Service')).toHaveValue('iMessage');
    await toggle.click();
    await expect(page.getByLabel('Search')).toBeHidden();

    // Share the first card: its answer is said on the card; no toast lies over the next card's Share.
    await first.getByRole('button', { name: `Share the card into ${firstHandle}` }).click();
    await expect(first.getByRole('status', { name: `Share with ${firstHandle}` }).getByText('Shared just now')).toBeVisible();
    const next = cards.last().getByRole('button', { name: `Share the card into ${nextHandle}` });
    await next.scrollIntoViewIfNeeded();
    const share = await box(next);
    const toasts = await page.locator('[data-sonner-toast]').evaluateAll((all) => all.map((t) => t.getBoundingClientRect().toJSON() as DOMRect));
    for (const t of toasts) expect(t.y + t.height <= share.y || t.y >= share.y + share.height).toBe(true);
    await expect(page.locator('[data-sonner-toast]')).toHaveCount(0);
    expect(await db.shareEvent.count({ where: { chatId: chatIds[handles.indexOf(firstHandle)], outcome: 'SUCCEEDED' } })).toBe(1);
  });
});
