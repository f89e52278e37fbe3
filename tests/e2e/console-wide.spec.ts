import type { PrismaClient } from '@/generated/prisma/client';
import { totpCode, totpStep } from '@/lib/auth/totp';
import { startSmtpServer } from '../support/alert-receivers';
import { expect, test } from './fixtures';
import { testPasswordHash } from './password-hash';

// What changes the console for everyone signed in, or what other tests own (the alerts' email
// server): these run alone, after every other test (the "console-wide" project of
// playwright.config.ts), and put the console back as it was.

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

/** The set-password links in the mails the SMTP server took (quoted-printable writes "=" as "=3D"). */
const linksIn = (mails: string[]) => mails.map((mail) => /http:\/\/\S+\/set-password\?token=[\w-]+/.exec(mail.replace(/=3D/g, '='))?.[0]);

test('an admin invites someone by email: the link arrives, a new one replaces it, and it opens the console at once', async ({
  page,
  browser,
  db,
  signInAs,
}) => {
  const smtp = await startSmtpServer();
  try {
    const admin = await signInAs(page, 'ADMIN');
    await page.goto('/settings/alerts');
    const emailForm = page.getByRole('form', { name: 'Email alerts' });
    await emailForm.getByLabel('SMTP server').fill('127.0.0.1');
    await emailForm.getByLabel('Port').fill(String(smtp.port));
    await emailForm.getByLabel('Security').selectOption('none');
    await emailForm.getByLabel('From').fill('console@e2e.test');
    await emailForm.getByLabel('Send to').fill('ops@e2e.test');
    // Invitations use the server even while email alerts are off.
    await emailForm.getByLabel('Send alerts by email').setChecked(false);
    await emailForm.getByRole('button', { name: 'Save email settings' }).click();
    await expect(page.getByText('Email alerts saved, and off.')).toBeVisible();

    await page.goto('/staff');
    const email = `invited-${crypto.randomUUID().slice(0, 8)}@e2e.test`;
    await page.getByLabel('Name').fill('Ivy Invited');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Role', { exact: true }).selectOption('VIEWER');
    await page.getByLabel('Email them a one-time link to set their own').check();
    await page.getByRole('button', { name: 'Add staff member' }).click();
    await expect(page.getByText(`Ivy Invited was added, and the link to set their password was emailed to ${email}.`)).toBeVisible();
    await expect.poll(() => smtp.mails.length).toBe(1);
    expect(smtp.mails[0]).toMatch(new RegExp(`^To: ${email.replace('.', '\\.')}`, 'm'));
    const [first] = linksIn(smtp.mails);
    expect(first).toBeDefined();

    const row = page.getByRole('row', { name: email });
    await expect(row.getByText('Invited', { exact: true })).toBeVisible();
    await row.getByRole('button', { name: 'Send a new link to Ivy Invited' }).click();
    await page
      .getByRole('dialog', { name: 'A new link for Ivy Invited' })
      .getByRole('button', { name: `Email a new link to ${email}` })
      .click();
    await expect(page.getByText(`A new link was emailed to ${email}; the previous one no longer works.`)).toBeVisible();
    await expect.poll(() => smtp.mails.length).toBe(2);
    const second = linksIn(smtp.mails)[1]!;
    expect(second).not.toBe(first);

    const ivy = await (await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '198.19.250.2' } })).newPage();
    await ivy.goto(first!);
    await expect(ivy.getByRole('alert').filter({ hasText: 'link' })).toHaveText(
      'This link is no longer valid: it was already used or has expired. Ask an admin for a new one.',
    );
    await ivy.goto(second);
    await ivy.getByLabel('New password').fill('ivy-chose-this-password');
    await ivy.getByLabel('Type it again').fill('ivy-chose-this-password');
    await ivy.getByRole('button', { name: 'Set password' }).click();
    await expect(ivy.getByRole('heading', { name: 'Overview' })).toBeVisible();

    const invited = await db.user.findUniqueOrThrow({ where: { email } });
    const changes = await db.staffChange.findMany({ where: { targetId: invited.id }, orderBy: { createdAt: 'asc' }, select: { kind: true, actorId: true } });
    expect(changes.map((change) => change.kind)).toEqual([
      'CREATED',
      'PASSWORD_LINK_CREATED',
      'INVITATION_EMAILED',
      'PASSWORD_LINK_CREATED',
      'INVITATION_EMAILED',
      'PASSWORD_SET',
    ]);
    expect(changes.filter((change) => change.kind === 'INVITATION_EMAILED').every((change) => change.actorId === admin.id)).toBe(true);
  } finally {
    await smtp.close();
  }
});
