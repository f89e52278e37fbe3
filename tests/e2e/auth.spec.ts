import { E2E_ADMIN } from './constants';
import { expect, test } from './fixtures';
import { testPasswordHash } from './password-hash';
import { callServerAction, findServerAction, formData } from './server-actions';

test.describe('signing in', () => {
  for (const path of ['/', '/staff', '/staff?tab=anything']) {
    test(`an anonymous visit to ${path} lands on the login page`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(/\/login/);
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    });
  }

  test('a wrong password shows the error and does not sign in', async ({ page, db }) => {
    const before = await db.loginAttempt.count({ where: { email: E2E_ADMIN.email, succeeded: false } });
    await page.goto('/login');
    await page.getByLabel('Email').fill(E2E_ADMIN.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.getByText('Email or password is incorrect.')).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveValue(E2E_ADMIN.email);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
    expect(await db.loginAttempt.count({ where: { email: E2E_ADMIN.email, succeeded: false } })).toBe(before + 1);
  });

  test('an unknown email gets the same message as a wrong password', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill('nobody@e2e.test');
    await page.getByLabel('Password').fill('whatever-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Email or password is incorrect.')).toBeVisible();
  });

  test('the admin signs in, sees the shell, and signs out', async ({ page, db }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(E2E_ADMIN.email);
    await page.getByLabel('Password').fill(E2E_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    const sections = page.getByRole('navigation', { name: 'Sections' });
    await expect(sections.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
    await expect(sections.getByRole('link', { name: 'Staff' })).toBeVisible();
    await expect(page.getByText('Sandbox', { exact: true }).first()).toBeVisible();
    const admin = await db.user.findUniqueOrThrow({ where: { email: E2E_ADMIN.email } });
    expect(admin.lastLoginAt).not.toBeNull();

    const cookiesWhileSignedIn = await page.context().cookies();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
    expect(await db.revokedSession.count({ where: { userId: admin.id } })).toBeGreaterThan(0);

    // The session is over on the server: replaying the old cookie does not sign anyone in.
    await page.context().addCookies(cookiesWhileSignedIn);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });

  test('after signing in, the page first asked for opens', async ({ page }) => {
    await page.goto('/staff');
    await expect(page).toHaveURL(/callbackUrl=%2Fstaff/);
    await page.getByLabel('Email').fill(E2E_ADMIN.email);
    await page.getByLabel('Password').fill(E2E_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Staff', exact: true })).toBeVisible();
    await expect(page).toHaveURL(/\/staff$/);
  });

  test('repeated failures for an account make each next attempt wait longer, even with the right password, and then the owner gets in', async ({
    page,
    db,
  }) => {
    const email = `throttled-${test.info().project.name}-${Date.now()}@e2e.test`;
    await db.user.create({ data: { email, name: 'Throttled', role: 'VIEWER', passwordHash: await testPasswordHash('the-right-password') } });

    await page.goto('/login');
    const tooMany = page.getByText(/^Too many failed sign-ins for this account or from this network\. Wait \d+ seconds?, then try again/);
    for (let attempt = 1; !(await tooMany.isVisible()); attempt++) {
      expect(attempt, 'the wait starts after the free attempts').toBeLessThanOrEqual(10);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(`wrong-${attempt}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByText('Email or password is incorrect.').or(tooMany)).toBeVisible();
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    }
    // Not a lock: the account's own owner gets in once the (short) wait is over.
    const overview = page.getByRole('heading', { name: 'Overview' });
    await expect(async () => {
      // A slow answer may land after the previous try gave up: then the owner is already in.
      if (await overview.isVisible()) return;
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('the-right-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(overview).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 45_000, intervals: [2_000] });
    const attempts = await db.loginAttempt.findMany({ where: { email }, orderBy: { createdAt: 'asc' } });
    expect(attempts.filter((a) => a.succeeded === false).length).toBeGreaterThanOrEqual(5);
    expect(attempts.at(-1)!.succeeded).toBe(true);
  });
});

test.describe('roles', () => {
  test('a viewer cannot reach the admin-only Staff page, and its server action refuses them', async ({ page, db, signInAs }) => {
    await signInAs(page, 'VIEWER');
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Staff' })).toHaveCount(0);

    const response = await page.goto('/staff');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();

    const email = `smuggled-${Date.now()}@e2e.test`;
    const action = findServerAction('lib/actions/staff.ts', 'createStaffMember');
    const result = await callServerAction(page.request, action, [
      undefined,
      formData({ name: 'Smuggled', email, role: 'ADMIN', password: 'a-long-password-1' }),
    ]);
    expect(result.text).toContain('Your role does not allow this.');
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  test('an anonymous caller of a server action is refused', async ({ request, db }) => {
    const email = `anonymous-${Date.now()}@e2e.test`;
    const action = findServerAction('lib/actions/staff.ts', 'createStaffMember');
    const result = await callServerAction(request, action, [undefined, formData({ name: 'Anonymous', email, role: 'ADMIN', password: 'a-long-password-1' })]);
    // The proxy turns anonymous callers away before the action runs; the action would refuse too.
    expect(result.status).toBe(307);
    expect(result.location).toContain('/login');
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  test('an admin adds a staff member, who can then sign in with the given role', async ({ page, db, signInAs }) => {
    await signInAs(page, 'ADMIN');
    await page.goto('/staff');
    const email = `new-operator-${test.info().project.name}-${Date.now()}@e2e.test`;
    await page.getByLabel('Name').fill('New Operator');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Role', { exact: true }).selectOption('OPERATOR');
    await page.getByLabel('Initial password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Add staff member' }).click();
    await expect(page.getByText('Use at least 12 characters.')).toBeVisible();
    expect(await db.user.count({ where: { email } })).toBe(0);

    await page.getByLabel('Initial password', { exact: true }).fill('a-long-password-1');
    await page.getByRole('button', { name: 'Add staff member' }).click();
    await expect(page.getByText(`New Operator can now sign in as ${email}.`)).toBeVisible();
    await expect(page.getByRole('cell', { name: email })).toBeVisible();
    const created = await db.user.findUniqueOrThrow({ where: { email } });
    expect(created.role).toBe('OPERATOR');
  });
});
