import type { Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, hydrated, test } from './fixtures';
import { testPasswordHash } from './password-hash';

/** Presses Tab (Shift+Tab with `back`) until the element has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}) {
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluate((element) => element === document.activeElement, undefined, { timeout: 2_000 }).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`could not reach ${target} with the keyboard`);
}

test('keyboard only: sign in, find a chat, see why, share, read its history, and edit a card’s name and photo', async ({ page, db, sandbox, indexChats }) => {
  test.setTimeout(120_000);
  const email = `keyboard-${test.info().project.name}-${Date.now()}@e2e.test`;
  const password = 'keyboard-password-1';
  const user = await db.user.create({ data: { email, name: 'Kim Keyboard', role: 'OPERATOR', passwordHash: await testPasswordHash(password) } });
  const line = await sandbox.addLine({ card: { first_name: 'Harbor', last_name: 'Dental' } });
  const handle = `+1646${String(Date.now() % 10_000_000).padStart(7, '0')}`;
  const chatId = await sandbox.addChat({ from: line, to: [handle], outbound: 1 });
  await indexChats();

  // Sign in: a wrong password first; the focus goes to the message, not to the page.
  await page.goto('/login');
  await tabTo(page, page.getByLabel('Email'));
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type('not-the-password');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'password' })).toBeFocused();
  await tabTo(page, page.getByLabel('Password'), { back: true });
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();

  // Chats, through the navigation; the search applies with Enter.
  await tabTo(page, page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Chats' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Chats', level: 1 })).toBeVisible();
  await tabTo(page, page.getByLabel('Search'));
  await page.keyboard.type(handle);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/q=/);
  const row = page.getByRole('row', { name: handle });
  await expect(row.getByText('Eligible', { exact: true })).toBeVisible();
  await hydrated(row);

  // Why: opens with Enter, closes with Escape back to its button.
  const why = row.getByRole('button', { name: `Why, for ${handle}` });
  await tabTo(page, why);
  await page.keyboard.press('Enter');
  const popover = page.getByRole('dialog', { name: `Eligibility of ${handle}` });
  await expect(popover.getByText('Active contact card')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(popover).toHaveCount(0);
  await expect(why).toBeFocused();

  // Share: the focus moves to the row's status, which says what happened.
  await tabTo(page, row.getByRole('button', { name: `Share the card into ${handle}` }));
  await page.keyboard.press('Enter');
  const status = row.getByRole('status', { name: `Share with ${handle}` });
  await expect(status.getByText('Shared just now')).toBeVisible();
  await expect(status).toBeFocused();

  // Its history, in a dialog that Escape closes.
  await tabTo(page, row.getByRole('button', { name: `Share history of ${handle}` }));
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: 'Share history' });
  await expect(drawer.getByText('Shared', { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);

  // The card: a new name and a new photo, framed with the arrow keys and the zoom slider.
  await tabTo(page, page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Contact cards' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Contact cards', level: 1 })).toBeVisible();
  // The sandbox holds every test's lines, hundreds of Tab stops here: the address bar is quicker, as it would be for a person.
  await page.goto(`/cards/${encodeURIComponent(line)}`);
  await tabTo(page, page.getByLabel('First name'));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Harbor Smiles');
  // A radio group is one Tab stop; the arrow keys choose within it.
  await tabTo(page, page.getByRole('radio', { name: 'No photo' }));
  await page.keyboard.press('ArrowRight');
  await expect(page.getByLabel('Upload a photo')).toBeChecked();
  await tabTo(page, page.getByLabel('Photo file'));
  const png = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#2f6fd9' } })
    .png()
    .toBuffer();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
  await chooser.setFiles({ name: 'team.png', mimeType: 'image/png', buffer: png });
  const framing = page.getByRole('group', { name: 'Framing area' });
  await tabTo(page, framing);
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await tabTo(page, page.getByLabel('Zoom'));
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByLabel('Zoom')).toHaveValue('1.5');
  await tabTo(page, page.getByRole('button', { name: 'Save changes' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Save result' })).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Saved and active' })).toBeVisible();

  expect(await sandbox.shares(chatId)).toHaveLength(1);
  expect(await db.shareEvent.findFirstOrThrow({ where: { chatId } })).toMatchObject({ outcome: 'SUCCEEDED', actorId: user.id });
  const revision = await db.cardRevision.findFirstOrThrow({ where: { phoneNumber: line, actorId: user.id } });
  expect(revision).toMatchObject({ outcome: 'APPLIED', afterFirstName: 'Harbor Smiles' });
  expect(revision.sentFields).toEqual(['first_name', 'image_url']);
});
