import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, test } from './fixtures';

// axe-core on every page and the states staff open most, in light and dark, at desktop and phone
// widths: nothing serious or critical. On a phone no page is wider than the screen.

const VIEWPORTS = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;
const SCHEMES = ['light', 'dark'] as const;

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.length} × ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ')}`);
}

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

for (const [size, viewport] of Object.entries(VIEWPORTS)) {
  for (const scheme of SCHEMES) {
    test.describe(`${size}, ${scheme}`, () => {
      test.use({ viewport, colorScheme: scheme });

      test('the sign-in and set-password pages', async ({ page }) => {
        for (const path of ['/login', '/set-password']) {
          await page.goto(path);
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
          expect(await seriousViolations(page), path).toEqual([]);
          expect(await pageWidth(page), path).toBeLessThanOrEqual(viewport.width);
        }
      });

      test('every page of the console, and the states opened on them', async ({ page, sandbox, signInAs, indexChats, db }) => {
        test.setTimeout(240_000);
        const admin = await signInAs(page, 'ADMIN');
        const line = await sandbox.addLine({ card: { first_name: 'Harbor', last_name: 'Dental' } });
        const handle = `+1628${String(Date.now() % 10_000_000).padStart(7, '0')}`;
        const chatId = await sandbox.addChat({ from: line, to: [handle], outbound: 1 });
        await indexChats();
        const run = await db.shareRun.create({ data: { source: 'BULK', createdById: admin.id, selection: { kind: 'chats', chatIds: ['x'] }, total: 1, skipped: 1, status: 'COMPLETED', finishedAt: new Date() } });

        const pages = ['/', '/chats', `/chats?from=${encodeURIComponent(line)}`, '/cards', `/cards/${encodeURIComponent(line)}`, '/history', '/history?tab=runs', '/history?tab=cards', '/staff', '/settings', `/runs/${run.id}`];
        for (const path of pages) {
          await page.goto(path);
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
          expect(await seriousViolations(page), path).toEqual([]);
          expect(await pageWidth(page), path).toBeLessThanOrEqual(viewport.width);
        }

        // The "Why" popover, the share history panel and the bulk share dialog on the Chats page.
        await page.goto(`/chats?from=${encodeURIComponent(line)}`);
        await page.getByRole('button', { name: `Why, for ${handle}` }).click();
        await expect(page.getByRole('dialog', { name: `Eligibility of ${handle}` })).toBeVisible();
        expect(await seriousViolations(page), 'why popover').toEqual([]);
        await page.keyboard.press('Escape');
        await page.getByRole('button', { name: `Share history of ${handle}` }).click();
        await expect(page.getByRole('dialog')).toBeVisible();
        expect(await seriousViolations(page), 'share history').toEqual([]);
        await page.keyboard.press('Escape');
        await page.getByRole('checkbox', { name: `Select ${handle}` }).check();
        await page.getByRole('button', { name: 'Share with 1 chat' }).click();
        await expect(page.getByRole('dialog', { name: 'Share the card with these chats?' }).getByText(/chats will receive the card/)).toBeVisible();
        expect(await seriousViolations(page), 'bulk share dialog').toEqual([]);
        await page.keyboard.press('Escape');

        // A share that failed, marked on its row with the reason and Retry.
        await sandbox.addFaults([{ method: 'POST', path: `/v3/chats/${chatId}/share_contact_card`, status: 500, times: 1 }]);
        await page.getByRole('button', { name: `Share the card into ${handle}` }).click();
        await expect(page.getByRole('status', { name: `Share with ${handle}` }).getByText('Share failed')).toBeVisible();
        // The toast too, once it has faded in (axe would measure it half transparent).
        await expect(page.locator('[data-sonner-toast]').filter({ hasText: `Not shared with ${handle}` })).toHaveCSS('opacity', '1');
        expect(await seriousViolations(page), 'failed share row').toEqual([]);

        // The card editor with a photo in the cropper.
        await page.goto(`/cards/${encodeURIComponent(line)}`);
        await page.getByLabel('Upload a photo').check();
        const png = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#3a7bd5' } }).png().toBuffer();
        await page.getByLabel('Photo file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
        await expect(page.getByRole('group', { name: 'Framing area' })).toBeVisible();
        expect(await seriousViolations(page), 'card editor with a photo').toEqual([]);
        expect(await pageWidth(page), 'card editor with a photo').toBeLessThanOrEqual(viewport.width);
      });
    });
  }
}
