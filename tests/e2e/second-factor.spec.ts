import type { Browser, Page } from '@playwright/test';
import type { PrismaClient } from '@/generated/prisma/client';
import { totpCode, totpStep } from '@/lib/auth/totp';
import { expect, test } from './fixtures';
import { testPasswordHash } from './password-hash';

// A second factor as a person meets it: set up on My account with a real authenticator code, then
// asked for after the password, a code never accepted twice, recovery codes working once, wrong
// codes slowed down like wrong passwords, and an admin's reset. Each test has accounts of its own.

const PASSWORD = 'second-factor-password';

async function person(db: PrismaClient, role: 'ADMIN' | 'OPERATOR' | 'VIEWER' = 'OPERATOR') {
  const suffix = crypto.randomUUID().slice(0, 8);
  const email = `factor-${test.info().project.name}-${suffix}@e2e.test`;
  const user = await db.user.create({ data: { email, name: `Fay ${suffix}`, role, passwordHash: await testPasswordHash(PASSWORD) } });
  return { ...user, password: PASSWORD };
}

async function enterPassword(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in with the password alone, and waits for the console to open. */
async function signIn(page: Page, email: string, password: string) {
  await enterPassword(page, email, password);
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
}

async function enterCode(page: Page, code: string) {
  // Typed once the previous code's answer is in: the form is reset when an answer arrives.
  await expect(page.getByRole('button', { name: 'Verify and sign in' })).toBeEnabled();
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
}

/** The code an app shows `stepsAhead` steps from now (one ahead is within the accepted window). */
const codeFor = (secret: string, stepsAhead = 0) => totpCode(secret, totpStep(Date.now()) + stepsAhead);

/** Sets up an authenticator app on My account; returns the key and the recovery codes the page showed. */
async function turnOnApp(page: Page) {
  await page.goto('/account');
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await expect(page.getByRole('img', { name: 'QR code of your authenticator key' })).toBeVisible();
  const secret = (await page.getByLabel('Authenticator key').innerText()).replace(/\s/g, '');
  await page.getByLabel('Code from the app').fill(codeFor(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByText(/Your authenticator app is on\./)).toBeVisible();
  const codes = await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allInnerTexts();
  return { secret, codes };
}

/**
 * Another browser of the same person, from an address of its own (198.18.0.0/15, reserved for
 * tests): the sign-in throttle counts failures per address, and these must count against no other test.
 */
async function newSession(browser: Browser): Promise<Page> {
  const address = `198.${18 + Math.floor(Math.random() * 2)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
  return (await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': address } })).newPage();
}

test.describe('a second factor', () => {
  // Several sign-ins through the form, each checked against the database.
  test.slow();

  test('set up on My account, then asked for after the password: a used code is refused, a recovery code works once', async ({ page, browser, db }) => {
    const fay = await person(db);
    await enterPassword(page, fay.email, fay.password);
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    await page.getByRole('link', { name: 'My account' }).first().click();
    await expect(page.getByText('Off. With an authenticator app on, a stolen password is not enough to sign in as you.')).toBeVisible();

    const { secret, codes } = await turnOnApp(page);
    expect(codes).toHaveLength(10);
    await page.getByRole('button', { name: 'Done, I kept them' }).click();
    await expect(page.getByText(/On since .*10 of 10 recovery codes left\./)).toBeVisible();
    const stored = await db.user.findUniqueOrThrow({ where: { id: fay.id }, select: { totpEnabledAt: true, totpSecret: true } });
    expect(stored.totpEnabledAt).not.toBeNull();
    expect(stored.totpSecret).not.toContain(secret);
    expect(await db.recoveryCode.count({ where: { userId: fay.id, usedAt: null } })).toBe(10);

    // Another browser: the password alone is not enough.
    const other = await newSession(browser);
    await enterPassword(other, fay.email, fay.password);
    await expect(other.getByText(`Password accepted for ${fay.email}. Your account also asks for a code.`)).toBeVisible();
    await expect(other.getByLabel('Code')).toBeFocused();
    // The code that turned the app on was used already.
    const used = (await db.user.findUniqueOrThrow({ where: { id: fay.id }, select: { totpLastStep: true } })).totpLastStep!;
    await enterCode(other, totpCode(secret, used));
    await expect(other.getByText('That code is not right. Type the 6 digits your app shows now, or an unused recovery code.')).toBeVisible();
    await enterCode(other, codeFor(secret, 1));
    await expect(other.getByRole('heading', { name: 'Overview' })).toBeVisible();

    // A third browser, with a recovery code; the same code then fails.
    const third = await newSession(browser);
    await enterPassword(third, fay.email, fay.password);
    await enterCode(third, codes[4]!.toUpperCase());
    await expect(third.getByRole('heading', { name: 'Overview' })).toBeVisible();
    expect(await db.recoveryCode.count({ where: { userId: fay.id, usedAt: { not: null } } })).toBe(1);
    const fourth = await newSession(browser);
    await enterPassword(fourth, fay.email, fay.password);
    await enterCode(fourth, codes[4]!);
    await expect(fourth.getByText('That code is not right. Type the 6 digits your app shows now, or an unused recovery code.')).toBeVisible();
    await expect(fourth).toHaveURL(/\/login/);

    const kinds = await db.staffChange.findMany({ where: { targetId: fay.id }, select: { kind: true } });
    expect(kinds.map((k) => k.kind)).toEqual(['SECOND_FACTOR_ON']);
  });

  test('wrong codes are slowed down like wrong passwords', async ({ page, db }) => {
    const fay = await person(db);
    await signIn(page, fay.email, fay.password);
    await turnOnApp(page);
    const other = await newSession(page.context().browser()!);
    await enterPassword(other, fay.email, fay.password);
    const failures = () => db.loginAttempt.count({ where: { email: fay.email, succeeded: false } });
    const tooMany = other.getByText(/^Too many failed sign-ins for this account or from this network\. Wait \d+ seconds?/);
    for (let i = 1; i <= 5; i++) {
      await enterCode(other, '000000');
      // (The message stays the same from one wrong code to the next: the database says when each was judged.)
      await expect.poll(failures).toBe(i);
      await expect(other.getByText('That code is not right.', { exact: false })).toBeVisible();
    }
    // The first wait is a second, doubling with each failure after it: on a slow machine a code may
    // come after the wait is over and fail again, but never more than a few times.
    for (let extra = 0; !(await tooMany.isVisible()); extra++) {
      expect(extra, 'the wait starts after the free attempts').toBeLessThanOrEqual(4);
      await enterCode(other, '000000');
      await expect(other.getByText('That code is not right.', { exact: false }).or(tooMany)).toBeVisible();
      await expect(other.getByRole('button', { name: 'Verify and sign in' })).toBeEnabled();
    }
    expect(await failures()).toBeLessThanOrEqual(9);
  });

  test('new recovery codes need a current code; turning the app off leaves the password alone', async ({ page, db }) => {
    const fay = await person(db);
    await signIn(page, fay.email, fay.password);
    const { secret, codes } = await turnOnApp(page);
    await page.getByRole('button', { name: 'Done, I kept them' }).click();

    await page.getByLabel('Current code').fill('123456');
    await page.getByRole('button', { name: 'Make new recovery codes' }).click();
    await expect(page.getByText('That code is not right. Type the 6 digits your app shows now, or a recovery code.')).toBeVisible();
    await page.getByLabel('Current code').fill(codes[0]!);
    await page.getByRole('button', { name: 'Make new recovery codes' }).click();
    await expect(page.getByText(/^New recovery codes: the old ones no longer work\./)).toBeVisible();
    const fresh = await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allInnerTexts();
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(codes[1]);

    await page.getByLabel('Current code').fill(codeFor(secret, 1));
    await page.getByRole('button', { name: 'Turn off the second factor' }).click();
    await expect(page.getByText('Off. With an authenticator app on, a stolen password is not enough to sign in as you.')).toBeVisible();
    expect(await db.user.findUniqueOrThrow({ where: { id: fay.id }, select: { totpEnabledAt: true, totpSecret: true } })).toEqual({
      totpEnabledAt: null,
      totpSecret: null,
    });
    expect(await db.recoveryCode.count({ where: { userId: fay.id } })).toBe(0);
    const other = await newSession(page.context().browser()!);
    await enterPassword(other, fay.email, fay.password);
    await expect(other.getByRole('heading', { name: 'Overview' })).toBeVisible();
  });

  test('an admin resets the second factor of someone who lost their phone; they sign in with the password, and History says who did it', async ({
    page,
    browser,
    db,
    signInAs,
  }) => {
    const fay = await person(db);
    const faysPage = await newSession(browser);
    await signIn(faysPage, fay.email, fay.password);
    await turnOnApp(faysPage);

    const admin = await signInAs(page, 'ADMIN');
    await page.goto('/staff');
    const row = page.getByRole('row', { name: fay.email });
    await expect(row.getByText('Second factor on')).toBeVisible();
    await row.getByRole('button', { name: `Reset second factor of ${fay.name}` }).click();
    await page
      .getByRole('dialog', { name: `Reset the second factor of ${fay.name}?` })
      .getByRole('button', { name: 'Reset second factor' })
      .click();
    await expect(page.getByText(/^Second factor reset: their authenticator app and recovery codes no longer work\./)).toBeVisible();
    await expect(row.getByText('Second factor on')).toBeHidden();

    const again = await newSession(browser);
    await enterPassword(again, fay.email, fay.password);
    await expect(again.getByRole('heading', { name: 'Overview' })).toBeVisible();
    const reset = await db.staffChange.findFirstOrThrow({ where: { targetId: fay.id, kind: 'SECOND_FACTOR_RESET' } });
    expect(reset.actorId).toBe(admin.id);
    await page.goto('/history?tab=staff');
    await expect(
      page.getByRole('table', { name: 'Staff changes' }).getByRole('row').filter({ hasText: 'Second factor reset' }).filter({ hasText: fay.email }),
    ).toBeVisible();
  });
});

test.describe('my account', () => {
  test.slow();

  test('changing the password ends every session, and the new password signs in', async ({ page, browser, db }) => {
    const fay = await person(db, 'VIEWER');
    await signIn(page, fay.email, fay.password);
    const elsewhere = await newSession(browser);
    await signIn(elsewhere, fay.email, fay.password);

    await page.goto('/account');
    await page.getByLabel('Current password').fill('not-the-password');
    await page.getByLabel('New password', { exact: true }).fill('a-brand-new-password');
    await page.getByLabel('New password again').fill('a-brand-new-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText('Your current password is not right.')).toBeVisible();
    await page.getByLabel('Current password').fill(fay.password);
    await page.getByLabel('New password', { exact: true }).fill('a-brand-new-password');
    await page.getByLabel('New password again').fill('a-brand-new-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText('Your password was changed, so every session was signed out. Sign in with the new password.')).toBeVisible();

    await elsewhere.reload();
    await expect(elsewhere.getByText('Your password was changed, so every session was signed out.', { exact: false })).toBeVisible();
    await enterPassword(page, fay.email, 'a-brand-new-password');
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    expect((await db.staffChange.findMany({ where: { targetId: fay.id }, select: { kind: true } })).map((k) => k.kind)).toEqual(['PASSWORD_CHANGED']);
  });

  test('"Sign out everywhere" ends the sessions of every browser', async ({ page, browser, db }) => {
    const fay = await person(db, 'VIEWER');
    await signIn(page, fay.email, fay.password);
    const elsewhere = await newSession(browser);
    await signIn(elsewhere, fay.email, fay.password);

    await page.goto('/account');
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(page.getByText('You signed out everywhere, so every session of your account ended. Sign in again to continue.')).toBeVisible();
    await elsewhere.goto('/chats');
    await expect(elsewhere.getByText('You signed out everywhere, so every session of your account ended.', { exact: false })).toBeVisible();
    expect((await db.user.findUniqueOrThrow({ where: { id: fay.id } })).sessionsRevokedReason).toBe('SIGNED_OUT_EVERYWHERE');
  });
});
