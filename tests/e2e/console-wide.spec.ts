import type { PrismaClient } from '@/generated/prisma/client';
import { totpCode, totpStep } from '@/lib/auth/totp';
import { expect, test } from './fixtures';
import { testPasswordHash } from './password-hash';

// What changes the console for everyone signed in: these run alone, after every other test
// (the "console-wide" project of playwright.config.ts), and put the console back as it was.

test.describe.configure({ mode: 'serial' });
test.slow();

test.afterEach(async ({ db }) => {
  await db.signInPolicy.deleteMany();
});

async function newPerson(db: PrismaClient, role: 'OPERATOR' | 'VIEWER') {
  const suffix = crypto.randomUUID().slice(0, 8);
  const email = `rule-${suffix}@e2e.test`;
  const user = await db.user.create({ data: { email, name: `Rue ${suffix}`, role, passwordHash: await testPasswordHash('rule-test-password') } });
  return { ...user, password: 'rule-test-password' };
}

test('requiring a second factor of everyone sends each person without one to set it up before anything else', async ({ page, browser, db, signInAs }) => {
  const admin = await signInAs(page, 'ADMIN');
  await page.goto('/settings');
  await page.getByRole('radio', { name: 'Required for everyone' }).check();
  await expect(page.getByText(/^\d+ active (person has|people have) none yet: they are asked to set one up at their next click/)).toBeVisible();
  await page.getByRole('button', { name: 'Save the sign-in rule' }).click();
  await expect(page.getByText('Second factor: required for everyone.', { exact: false })).toBeVisible();
  const change = await db.settingsChange.findFirstOrThrow({ where: { kind: 'SECOND_FACTOR_RULE_CHANGED', actorId: admin.id }, orderBy: { createdAt: 'desc' } });
  expect(change.after).toEqual({ 'second factor': 'Required for everyone' });

  // The admin has none either: their next page is the setup.
  await page.goto('/chats');
  await expect(page.getByRole('heading', { name: 'Set up a second factor' })).toBeVisible();

  const rue = await newPerson(db, 'VIEWER');
  const context = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '198.19.250.1' } });
  const theirs = await context.newPage();
  await theirs.goto('/login');
  await theirs.getByLabel('Email').fill(rue.email);
  await theirs.getByLabel('Password').fill(rue.password);
  await theirs.getByRole('button', { name: 'Sign in' }).click();
  await expect(theirs.getByRole('heading', { name: 'Set up a second factor' })).toBeVisible();
  await theirs.goto('/history');
  await expect(theirs).toHaveURL(/\/second-factor$/);
  // Nothing else answers them either, whatever the page would have asked.
  const refused = await theirs.request.get('/api/chats?limit=20');
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain('Your account must have a second factor first.');

  await theirs.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const secret = (await theirs.getByLabel('Authenticator key').innerText()).replace(/\s/g, '');
  await theirs.getByLabel('Code from the app').fill(totpCode(secret, totpStep(Date.now())));
  await theirs.getByRole('button', { name: 'Turn on' }).click();
  await expect(theirs.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
  await theirs.getByRole('link', { name: 'Continue to the console' }).click();
  await expect(theirs.getByRole('heading', { name: 'Overview' })).toBeVisible();
  expect((await db.user.findUniqueOrThrow({ where: { id: rue.id } })).totpEnabledAt).not.toBeNull();
  await context.close();
});

test('requiring it of admins leaves operators as they were', async ({ page, db }) => {
  await db.signInPolicy.create({ data: { id: 1, secondFactor: 'ADMINS' } });
  const rue = await newPerson(db, 'OPERATOR');
  await page.goto('/login');
  await page.getByLabel('Email').fill(rue.email);
  await page.getByLabel('Password').fill(rue.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await page.goto('/account');
  await expect(page.getByText('Off. With an authenticator app on, a stolen password is not enough to sign in as you.')).toBeVisible();
});
