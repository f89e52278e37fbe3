import AxeBuilder from '@axe-core/playwright';
import { request as playwrightRequest, type Page } from '@playwright/test';
import sharp from 'sharp';
import { totpCode, totpStep } from '@/lib/auth/totp';
import { test as base, expect, hydrated, signInRequest, syncChatIndex } from './fixtures';
import { testPasswordHash } from './password-hash';
import { SandboxControl } from './sandbox-control';

// axe-core on every page and the states staff open most, in light and dark, at desktop and phone
// widths: nothing serious or critical. On a phone no page is wider than the screen. One test per
// page and state, so that they run side by side and a failure names its page.

const VIEWPORTS = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;
const SCHEMES = ['light', 'dark'] as const;

interface Seeded {
  line: string;
  handle: string;
  chatId: string;
  runId: string;
}

// One number with a card, one eligible chat and one ended run, made once per worker.
const test = base.extend<object, { seeded: Seeded }>({
  seeded: [
    async ({ consoleUnderTest, staff, db }, provide, workerInfo) => {
      const sandbox = new SandboxControl(consoleUnderTest.sandboxUrl);
      const line = await sandbox.addLine({ card: { first_name: 'Harbor', last_name: 'Dental' } });
      const handle = `+1628${String((Date.now() + workerInfo.workerIndex) % 10_000_000).padStart(7, '0')}`;
      const chatId = await sandbox.addChat({ from: line, to: [handle], outbound: 1 });
      const api = await playwrightRequest.newContext({ baseURL: workerInfo.project.use.baseURL });
      await signInRequest(api, staff.ADMIN);
      await syncChatIndex(api, db);
      await api.dispose();
      const run = await db.shareRun.create({
        data: {
          source: 'BULK',
          createdById: staff.ADMIN.id,
          selection: { kind: 'chats', chatIds: ['x'] },
          total: 1,
          skipped: 1,
          status: 'COMPLETED',
          finishedAt: new Date(),
        },
      });
      await provide({ line, handle, chatId, runId: run.id });
    },
    // A full sync under the whole suite's load: its own time, not the first test's.
    { scope: 'worker', timeout: 120_000 },
  ],
});

async function seriousViolations(page: Page): Promise<string[]> {
  // axe measures colours as they are drawn: a toast fading in (or out) is half transparent and
  // would fail contrast for a moment. Wait until every toast is mounted and no finite transition
  // or animation runs (spinners loop forever and are left alone).
  await page.waitForFunction(
    () =>
      document.querySelectorAll('[data-sonner-toast][data-mounted="false"]').length === 0 &&
      document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getComputedTiming().iterations === Infinity),
  );
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes.length} × ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(' | ')}`,
    );
}

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

const PAGES: Array<[string, (seeded: Seeded) => string]> = [
  ['the overview', () => '/'],
  ['the chats', () => '/chats'],
  ['a number’s chats', ({ line }) => `/chats?from=${encodeURIComponent(line)}`],
  ['a chat’s panel', ({ chatId }) => `/chats/${encodeURIComponent(chatId)}`],
  ['the contact cards', () => '/cards'],
  ['a card’s', ({ line }) => `/cards/${encodeURIComponent(line)}`],
  ['the history', () => '/history'],
  ['history’s runs', () => '/history?tab=runs'],
  ['history’s card changes', () => '/history?tab=cards'],
  ['the impact', () => '/impact'],
  ['the staff', () => '/staff'],
  ['the settings', () => '/settings'],
  ['the webhook deliveries', () => '/settings/webhooks'],
  ['the alerts', () => '/settings/alerts'],
  ['single sign-on', () => '/settings/single-sign-on'],
  ['my account', () => '/account'],
  ['a run', ({ runId }) => `/runs/${runId}`],
];

for (const [size, viewport] of Object.entries(VIEWPORTS)) {
  for (const scheme of SCHEMES) {
    test.describe(`${size}, ${scheme}`, () => {
      test.use({ viewport, colorScheme: scheme });
      // axe over a full Chats page takes most of a minute on a 2-core machine while other tests sync.
      test.slow();

      for (const path of ['/login', '/set-password']) {
        test(`the page ${path}`, async ({ page }) => {
          await page.goto(path);
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
          expect(await seriousViolations(page)).toEqual([]);
          expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
        });
      }

      for (const [name, address] of PAGES) {
        test(`${name} page`, async ({ page, signInAs, seeded }) => {
          await signInAs(page, 'ADMIN');
          await page.goto(address(seeded));
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
          expect(await seriousViolations(page)).toEqual([]);
          expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
        });
      }

      test('setting up an authenticator app, its recovery codes, and the sign-in’s code step', async ({ page, browser, db }) => {
        const email = `a11y-factor-${crypto.randomUUID().slice(0, 8)}@e2e.test`;
        await db.user.create({ data: { email, name: 'Ada Factor', role: 'VIEWER', passwordHash: await testPasswordHash('a11y-factor-password') } });
        await signInRequest(page.request, { email, password: 'a11y-factor-password' });
        await page.goto('/account');
        await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
        const key = page.getByLabel('Authenticator key');
        await expect(key).toBeVisible();
        expect(await seriousViolations(page), 'setup').toEqual([]);
        expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
        await page.getByLabel('Code from the app').fill(totpCode((await key.innerText()).replace(/\s/g, ''), totpStep(Date.now())));
        await page.getByRole('button', { name: 'Turn on' }).click();
        await expect(page.getByRole('list', { name: 'Recovery codes' })).toBeVisible();
        expect(await seriousViolations(page), 'recovery codes').toEqual([]);

        const other = await (await browser.newContext({ viewport, colorScheme: scheme })).newPage();
        await other.goto('/login');
        await other.getByLabel('Email').fill(email);
        await other.getByLabel('Password').fill('a11y-factor-password');
        await other.getByRole('button', { name: 'Sign in' }).click();
        await expect(other.getByLabel('Code')).toBeFocused();
        expect(await seriousViolations(other), 'code step').toEqual([]);
        expect(await pageWidth(other)).toBeLessThanOrEqual(viewport.width);
      });

      test('the "Why" popover, a chat’s share history and the bulk share dialog', async ({ page, signInAs, seeded: { line, handle } }) => {
        await signInAs(page, 'ADMIN');
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
      });

      test('a share that failed, marked on its row with its reason and Retry', async ({ page, signInAs, sandbox, indexChats }) => {
        await signInAs(page, 'OPERATOR');
        // A chat of this test's own: its share fails once.
        const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
        const handle = `+1629${String(Date.now() % 10_000_000).padStart(7, '0')}`;
        const chatId = await sandbox.addChat({ from: line, to: [handle], outbound: 1 });
        await indexChats();
        await sandbox.addFaults([{ method: 'POST', path: `/v3/chats/${chatId}/share_contact_card`, status: 500, times: 1 }]);
        await page.goto(`/chats?from=${encodeURIComponent(line)}`);
        await hydrated(page.getByRole('main'));
        await page.getByRole('button', { name: `Share the card into ${handle}` }).click();
        await expect(page.getByRole('status', { name: `Share with ${handle}` }).getByText('Share failed')).toBeVisible();
        // The toast too, once it has faded in (axe would measure it half transparent); on a phone the
        // row's card says it instead of a toast.
        if (size === 'desktop') await expect(page.locator('[data-sonner-toast]').filter({ hasText: `Not shared with ${handle}` })).toHaveCSS('opacity', '1');
        expect(await seriousViolations(page)).toEqual([]);
      });

      test('the save-view dialog, and the saved views in the navigation', async ({ page, signInAs, seeded: { line } }) => {
        await signInAs(page, 'OPERATOR');
        await page.goto(`/chats?from=${encodeURIComponent(line)}&show=eligible`);
        await hydrated(page.getByRole('main'));
        await page.getByRole('button', { name: 'Save view' }).click();
        const dialog = page.getByRole('dialog', { name: 'Save this view' });
        const name = `Axe ${line} ${size} ${scheme} ${Date.now()}`;
        await dialog.getByLabel('Name').fill(name);
        expect(await seriousViolations(page), 'save-view dialog').toEqual([]);
        await dialog.getByRole('button', { name: 'Save view' }).click();
        await expect(dialog).toBeHidden();
        if (size === 'phone') await page.getByRole('button', { name: /^Filters/ }).click();
        const views = page.getByRole('navigation', { name: 'Saved views' }).filter({ visible: true });
        await expect(views.getByRole('link', { name })).toBeVisible();
        expect(await seriousViolations(page), 'saved views').toEqual([]);
        // Each person keeps at most 30 views: this test's goes again.
        await views.getByRole('button', { name: `Delete the view ${name}` }).click();
        await expect(views.getByRole('link', { name })).toHaveCount(0);
      });

      test('the card editor with a photo in the cropper', async ({ page, signInAs, seeded: { line } }) => {
        await signInAs(page, 'ADMIN');
        await page.goto(`/cards/${encodeURIComponent(line)}`);
        await page.getByLabel('Upload a photo').check();
        const png = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#3a7bd5' } })
          .png()
          .toBuffer();
        await page.getByLabel('Photo file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
        await expect(page.getByRole('group', { name: 'Framing area' })).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
        expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
      });
    });
  }
}
