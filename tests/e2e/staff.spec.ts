import type { Browser, Page } from '@playwright/test';
import type { PrismaClient } from '@/generated/prisma/client';
import { expect, test } from './fixtures';
import { testPasswordHash } from './password-hash';

async function signInThroughForm(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A staff member of their own, signed in in a browser of their own. */
async function colleague(browser: Browser, db: PrismaClient, role: 'OPERATOR' | 'VIEWER') {
  // Three tests make a colleague at once: a timestamp alone can be the same for two of them.
  const email = `colleague-${test.info().project.name}-${crypto.randomUUID().slice(0, 8)}@e2e.test`;
  const password = 'colleague-password';
  const user = await db.user.create({ data: { email, name: 'Casey Colleague', role, passwordHash: await testPasswordHash(password) } });
  const page = await (await browser.newContext()).newPage();
  await signInThroughForm(page, email, password);
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  return { user, page, email, password };
}

test.describe('staff management', () => {
  // Each test signs two people in through the form and follows them across several pages: near a
  // minute on a busy 2-core CI machine (one timed out there at 60 s).
  test.slow();

  test('a new staff member is "Invited" until they set a password with a one-time link (renewed once), and is then signed in', async ({
    page,
    browser,
    db,
    signInAs,
  }) => {
    await signInAs(page, 'ADMIN');
    await page.goto('/staff');
    const email = `linked-${test.info().project.name}-${Date.now()}@e2e.test`;
    await page.getByLabel('Name').fill('Linked Person');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Role', { exact: true }).selectOption('VIEWER');
    await page.getByLabel('Make a one-time link for them to set their own').check();
    await page.getByRole('button', { name: 'Add staff member' }).click();
    await expect(page.getByText(`One-time link for Linked Person (${email}) (valid 72 hours, shown only now)`)).toBeVisible();
    const first = await page.getByLabel('Set-password link').inputValue();
    expect(first).toMatch(/\/set-password\?token=[\w-]{43}$/);

    // Invited, with the link's expiry; "Send a new link" makes a new link, and the first stops working.
    const row = page.getByRole('row', { name: email });
    await expect(row.getByText('Invited', { exact: true })).toBeVisible();
    await expect(row.getByText(/^Has not set a password; the link expires /)).toBeVisible();
    await row.getByRole('button', { name: 'Send a new link to Linked Person' }).click();
    const dialog = page.getByRole('dialog', { name: 'A new link for Linked Person' });
    await dialog.getByRole('button', { name: 'Make a new link' }).click();
    const link = await dialog.getByLabel('Set-password link').inputValue();
    expect(link).toMatch(/\/set-password\?token=[\w-]{43}$/);
    expect(link).not.toBe(first);
    await page.keyboard.press('Escape');

    const stranger = await (await browser.newContext()).newPage();
    await stranger.goto(first);
    await expect(stranger.getByRole('alert').filter({ hasText: 'link' })).toHaveText(
      'This link is no longer valid: it was already used or has expired. Ask an admin for a new one.',
    );
    await stranger.goto(link);
    await stranger.getByLabel('New password').fill('a-brand-new-password');
    await stranger.getByLabel('Type it again').fill('a-different-password');
    await stranger.getByRole('button', { name: 'Set password' }).click();
    await expect(stranger.getByText('The two passwords differ.')).toBeVisible();
    await stranger.getByLabel('Type it again').fill('a-brand-new-password');
    await stranger.getByRole('button', { name: 'Set password' }).click();
    // Signed in with the new password at once.
    await expect(stranger.getByRole('heading', { name: 'Overview' })).toBeVisible();
    await expect(stranger.getByText(email).first()).toBeVisible();

    // A used link says so as soon as it opens: no password fields to fill in for nothing.
    await stranger.goto(link);
    await expect(stranger.getByRole('alert').filter({ hasText: 'link' })).toHaveText(
      'This link is no longer valid: it was already used or has expired. Ask an admin for a new one.',
    );
    await expect(stranger.getByLabel('New password')).toHaveCount(0);

    await page.reload();
    await expect(row.getByText('Active', { exact: true })).toBeVisible();
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.lastLoginAt).not.toBeNull();
    const kinds = (await db.staffChange.findMany({ where: { targetId: user.id }, orderBy: { createdAt: 'asc' } })).map((c) => c.kind);
    expect(kinds).toEqual(['CREATED', 'PASSWORD_LINK_CREATED', 'PASSWORD_LINK_CREATED', 'PASSWORD_SET']);
    expect(await db.passwordToken.count({ where: { userId: user.id, usedAt: null } })).toBe(0);
  });

  test('a role change waits for a confirmation, takes effect on the next request, and is on record', async ({ page, browser, db, signInAs }) => {
    const admin = await signInAs(page, 'ADMIN');
    const them = await colleague(browser, db, 'OPERATOR');
    await them.page.goto('/cards');
    await expect(them.page.getByRole('link', { name: /^(Edit|Set up) the card of/ }).first()).toBeVisible();

    await page.goto('/staff');
    const row = page.getByRole('row', { name: them.email });
    // Moving the menu changes nothing until the confirmation names the person and the new role.
    await row.getByLabel('Role of Casey Colleague').selectOption('VIEWER');
    const confirmRole = page.getByRole('dialog', { name: 'Make Casey Colleague a viewer?' });
    await expect(confirmRole).toContainText('Casey Colleague is an operator today.');
    expect((await db.user.findUniqueOrThrow({ where: { id: them.user.id } })).role).toBe('OPERATOR');
    await confirmRole.getByRole('button', { name: 'Make viewer' }).click();
    await expect(page.getByText('Casey Colleague is now a viewer. It applies from their next click.')).toBeVisible();
    await them.page.reload();
    await expect(them.page.getByRole('link', { name: /^View the card of/ }).first()).toBeVisible();

    const changes = await db.staffChange.findMany({ where: { targetId: them.user.id } });
    expect(changes.map((c) => [c.kind, c.actorId, c.before, c.after])).toEqual([
      ['ROLE_CHANGED', admin.id, { role: 'OPERATOR', disabled: false }, { role: 'VIEWER', disabled: false }],
    ]);
    await page.goto('/history?tab=staff');
    const history = page.getByRole('table', { name: 'Staff changes' });
    await expect(history.getByRole('row').filter({ hasText: 'Role changed' }).filter({ hasText: them.email })).toContainText('Operator, active');
  });

  test('disabling signs the person out and keeps them out until enabled again, on record', async ({ page, browser, db, signInAs }) => {
    const admin = await signInAs(page, 'ADMIN');
    const them = await colleague(browser, db, 'VIEWER');
    await page.goto('/staff');
    const row = page.getByRole('row', { name: them.email });
    await row.getByRole('button', { name: 'Disable Casey Colleague' }).click();
    await page.getByRole('dialog', { name: 'Disable Casey Colleague?' }).getByRole('button', { name: 'Disable Casey Colleague' }).click();
    await expect(page.getByText('Account disabled: they are signed out and cannot sign in.')).toBeVisible();
    await expect(row.getByText('Disabled')).toBeVisible();
    await them.page.goto('/chats');
    await expect(them.page).toHaveURL(/\/login\?ended=disabled/);
    await expect(them.page.getByRole('status').filter({ hasText: 'An admin disabled your account, so you were signed out.' })).toBeVisible();
    await signInThroughForm(them.page, them.email, them.password);
    await expect(them.page.getByText('Email or password is incorrect.')).toBeVisible();

    await row.getByRole('button', { name: 'Enable Casey Colleague' }).click();
    await expect(row.getByText('Active', { exact: true })).toBeVisible();
    await signInThroughForm(them.page, them.email, them.password);
    await expect(them.page.getByRole('heading', { name: 'Overview' })).toBeVisible();

    const changes = await db.staffChange.findMany({ where: { targetId: them.user.id }, orderBy: { createdAt: 'asc' } });
    expect(changes.map((c) => [c.kind, c.actorId, c.before, c.after])).toEqual([
      ['DISABLED', admin.id, { role: 'VIEWER', disabled: false }, { role: 'VIEWER', disabled: true }],
      ['ENABLED', admin.id, { role: 'VIEWER', disabled: true }, { role: 'VIEWER', disabled: false }],
    ]);
    await page.goto('/history?tab=staff');
    await expect(page.getByRole('table', { name: 'Staff changes' }).getByRole('row').filter({ hasText: them.email })).toHaveCount(2);
  });

  test('an open tab follows at once: demoted, it drops Share; disabled, it goes to sign-in and says why', async ({
    page,
    browser,
    db,
    sandbox,
    signInAs,
    indexChats,
  }) => {
    await signInAs(page, 'ADMIN');
    const them = await colleague(browser, db, 'OPERATOR');
    const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
    const handle = `+1415${String(Date.now()).slice(-7)}`;
    await sandbox.addChat({ from: line, to: [handle], outbound: 1 });
    await indexChats();
    await them.page.goto(`/chats?from=${encodeURIComponent(line)}`);
    await expect(them.page.getByText('Live updates on')).toBeVisible();
    const share = them.page.getByRole('button', { name: `Share the card into ${handle}` });
    await expect(share).toBeVisible();

    await page.goto('/staff');
    const row = page.getByRole('row', { name: them.email });
    await row.getByLabel('Role of Casey Colleague').selectOption('VIEWER');
    await page.getByRole('dialog', { name: 'Make Casey Colleague a viewer?' }).getByRole('button', { name: 'Make viewer' }).click();
    // No click, no reload: the tab hears of it.
    await expect(share).toHaveCount(0);
    await expect(them.page.getByRole('checkbox')).toHaveCount(0);

    await row.getByRole('button', { name: 'Disable Casey Colleague' }).click();
    await page.getByRole('dialog', { name: 'Disable Casey Colleague?' }).getByRole('button', { name: 'Disable Casey Colleague' }).click();
    await expect(them.page).toHaveURL(/\/login\?ended=disabled$/);
    await expect(them.page.getByText('An admin disabled your account, so you were signed out.')).toBeVisible();
    expect(await db.user.findUniqueOrThrow({ where: { id: them.user.id } })).toMatchObject({ role: 'VIEWER', disabled: true });
  });

  test('resetting a password ends the person’s sessions', async ({ page, browser, db, signInAs }) => {
    await signInAs(page, 'ADMIN');
    const them = await colleague(browser, db, 'VIEWER');
    // Their page's stream is down while the password is reset: it learns why when it comes back.
    let streamDown = true;
    await them.page.route('**/api/live**', (route) => (streamDown ? route.fulfill({ status: 503, body: 'down' }) : route.fallback()));
    await them.page.reload();
    await expect(them.page.getByRole('status').getByText('Live updates paused: reconnecting.')).toBeVisible();
    await page.goto('/staff');
    await page.getByRole('row', { name: them.email }).getByRole('button', { name: 'Reset password of Casey Colleague' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset the password of Casey Colleague' });
    await dialog.getByLabel('Set a new password now').check();
    await dialog.getByLabel('New password', { exact: true }).fill('reset-password-123');
    await dialog.getByRole('button', { name: 'Reset password' }).click();
    await expect(page.getByText('Password changed and their sessions ended.', { exact: false })).toBeVisible();

    // Their open page goes to the sign-in page by itself once its stream is back (it retries with a
    // growing wait, up to 16 s here), and says why.
    streamDown = false;
    await expect(them.page).toHaveURL(/\/login\?ended=password_changed$/, { timeout: 40_000 });
    await expect(them.page.getByText('Your password was changed, so every session was signed out.', { exact: false })).toBeVisible();
    await signInThroughForm(them.page, them.email, 'reset-password-123');
    await expect(them.page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    expect((await db.staffChange.findFirstOrThrow({ where: { targetId: them.user.id } })).kind).toBe('PASSWORD_RESET');
  });
});
