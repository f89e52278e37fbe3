import type { Browser, CDPSession, Page } from '@playwright/test';
import type { PrismaClient } from '@/generated/prisma/client';
import { expect, test } from './fixtures';
import { testPasswordHash } from './password-hash';

// Passkeys through Chromium's virtual authenticator (the DevTools protocol's WebAuthn domain): a
// device that makes and uses passkeys as Touch ID or a security key would, without a person.
// WebAuthn does not accept an IP address as the site, so these pages are opened as "localhost".

const PASSWORD = 'passkey-test-password';

async function newPerson(db: PrismaClient) {
  const suffix = crypto.randomUUID().slice(0, 8);
  return db.user.create({
    data: { email: `passkey-${suffix}@e2e.test`, name: `Pat ${suffix}`, role: 'OPERATOR', passwordHash: await testPasswordHash(PASSWORD) },
  });
}

let addressCounter = 0;
/** A browser of its own on "localhost", with a virtual authenticator plugged in. */
async function browserWithAuthenticator(browser: Browser, baseURL: string): Promise<{ page: Page; cdp: CDPSession; authenticatorId: string }> {
  addressCounter += 1;
  const context = await browser.newContext({
    baseURL: baseURL.replace('127.0.0.1', 'localhost'),
    extraHTTPHeaders: { 'X-Forwarded-For': `198.19.${252 + (addressCounter % 3)}.${Math.floor(Math.random() * 250) + 1}` },
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { page, cdp, authenticatorId };
}

async function signInWithPassword(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('passkeys', () => {
  test('added on My account with the password, then asked for after the password instead of a code', async ({ browser, baseURL, db }) => {
    const person = await newPerson(db);
    const { page, cdp, authenticatorId } = await browserWithAuthenticator(browser, baseURL!);
    await signInWithPassword(page, person.email);
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();

    await page.goto('/account');
    const add = page.getByRole('form', { name: 'Add a passkey' });
    await add.getByLabel('Passkey name').fill('Test laptop');
    await add.getByLabel('Your password').fill('not-my-password');
    await add.getByRole('button', { name: 'Add a passkey' }).click();
    await expect(add.getByText('Your current password is not right.')).toBeVisible();
    expect(await db.passkey.count({ where: { userId: person.id } })).toBe(0);

    await add.getByLabel('Your password').fill(PASSWORD);
    await add.getByRole('button', { name: 'Add a passkey' }).click();
    await expect(page.getByText('Passkey “Test laptop” added', { exact: false })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Your passkeys' }).getByRole('listitem')).toHaveCount(1);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    const stored = await db.passkey.findFirstOrThrow({ where: { userId: person.id } });
    expect(stored).toMatchObject({ id: credentials[0]!.credentialId.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'), name: 'Test laptop' });
    // The Staff page and the history know.
    expect(await db.staffChange.findMany({ where: { targetId: person.id }, select: { kind: true, actorId: true } })).toEqual([
      { kind: 'PASSKEY_ADDED', actorId: person.id },
    ]);

    // Signing in again: the password, then the passkey (this account has no app, so no code field).
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await signInWithPassword(page, person.email);
    await expect(page.getByText('Your account also asks for one of your passkeys.')).toBeVisible();
    await expect(page.getByLabel('Code')).toHaveCount(0);
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    const used = await db.passkey.findUniqueOrThrow({ where: { id: stored.id } });
    expect(used.lastUsedAt).not.toBeNull();
    expect(used.counter).toBeGreaterThan(stored.counter);

    // Removing it asks for the password again; the next sign-in is the password alone.
    await page.goto('/account');
    await page.getByRole('button', { name: 'Remove Test laptop' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove the passkey “Test laptop”?' });
    await dialog.getByLabel('Your password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Remove passkey' }).click();
    await expect(page.getByText('Passkey removed: it no longer signs you in.')).toBeVisible();
    expect(await db.passkey.count({ where: { userId: person.id } })).toBe(0);
    expect((await db.staffChange.findMany({ where: { targetId: person.id }, orderBy: { createdAt: 'asc' } })).map((change) => change.kind)).toEqual([
      'PASSKEY_ADDED',
      'PASSKEY_REMOVED',
    ]);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await signInWithPassword(page, person.email);
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    await page.context().close();
  });

  test('a passkey’s answer works once: the same answer sent again signs nobody in', async ({ browser, baseURL, db }) => {
    const person = await newPerson(db);
    const { page } = await browserWithAuthenticator(browser, baseURL!);
    await signInWithPassword(page, person.email);
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    await page.goto('/account');
    const add = page.getByRole('form', { name: 'Add a passkey' });
    await add.getByLabel('Passkey name').fill('Security key');
    await add.getByLabel('Your password').fill(PASSWORD);
    await add.getByRole('button', { name: 'Add a passkey' }).click();
    await expect(page.getByText('Passkey “Security key” added', { exact: false })).toBeVisible();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();

    // The answer the browser sends is kept on its way, as someone watching the network would.
    let captured: { headers: Record<string, string>; body: Buffer } | null = null;
    await page.route('**/login', async (route) => {
      const request = route.request();
      const body = request.postDataBuffer();
      if (request.method() === 'POST' && body?.includes('passkeyResponse')) captured = { headers: await request.allHeaders(), body };
      await route.continue();
    });
    await signInWithPassword(page, person.email);
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    expect(captured).not.toBeNull();

    // Sent again from another browser, within the five minutes: the challenge was spent.
    const elsewhere = await browser.newContext({ baseURL: baseURL!.replace('127.0.0.1', 'localhost') });
    const { headers, body } = captured!;
    const keep = ['content-type', 'next-action', 'next-router-state-tree', 'accept', 'origin'];
    const replay = await elsewhere.request.post('/login', {
      headers: Object.fromEntries(Object.entries(headers).filter(([name]) => keep.includes(name))),
      data: body,
    });
    expect(await replay.text()).toContain('The passkey was not accepted.');
    expect((await elsewhere.cookies()).some((cookie) => cookie.name.includes('session-token'))).toBe(false);
    expect(await db.passkeyChallenge.count({ where: { userId: person.id } })).toBe(0);
    await elsewhere.close();
    await page.context().close();
  });
});
