import type { Browser, Page } from '@playwright/test';
import type { PrismaClient } from '@/generated/prisma/client';
import { startOidcProvider, TEST_CLIENT, type TestOidcProvider } from '../support/oidc-provider';
import { expect, test } from './fixtures';
import { testPasswordHash } from './password-hash';

// Single sign-on against a real OpenID Connect provider the test starts. It changes the sign-in page
// for everyone, so it runs in the "console-wide" project (alone, after every other test), and each
// test puts the sign-in policy back.

test.describe.configure({ mode: 'serial' });
test.slow();

const DOMAIN = 'sso-shop.test';
const PROVIDER_NAME = 'Test IdP';
let provider: TestOidcProvider;

test.beforeAll(async ({ baseURL }) => {
  const origin = new URL(baseURL!).origin;
  provider = await startOidcProvider([origin, origin.replace('127.0.0.1', 'localhost')]);
});

test.afterAll(async () => {
  await provider.close();
});

test.afterEach(async ({ db }) => {
  await db.signInPolicy.deleteMany();
});

/** Settings → Single sign-on, filled in as an admin would. */
async function setUpSso(page: Page, options: { ssoOnly?: boolean } = {}) {
  await page.goto('/settings');
  await page.getByRole('link', { name: 'Set up single sign-on' }).click();
  const form = page.getByRole('form', { name: 'Single sign-on' });
  await form.getByLabel('Name on the button').fill(PROVIDER_NAME);
  await form.getByLabel('Issuer').fill(provider.issuer);
  await form.getByLabel('Client ID').fill(TEST_CLIENT.id);
  await form.getByLabel('Client secret').fill(TEST_CLIENT.secret);
  await form.getByLabel('Allowed email domain (optional)').fill(DOMAIN);
  await form.getByLabel('Their role').selectOption('VIEWER');
  if (options.ssoOnly) await form.getByLabel('SSO only: turn password sign-in off for everyone but one admin').check();
  await form.getByRole('button', { name: 'Save single sign-on' }).click();
  await expect(page.getByText(`Single sign-on saved: the sign-in page offers “Sign in with ${PROVIDER_NAME}”.`, { exact: false })).toBeVisible();
}

/** The sign-in page's alert (not Next.js's empty route announcer, also an alert). */
const problemOn = (page: Page) => page.getByRole('alert').filter({ hasText: /\S/ });

let addressCounter = 0;
/** A browser of its own (its own cookies, and its own address for the password throttle). */
async function freshPage(browser: Browser): Promise<Page> {
  addressCounter += 1;
  const context = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': `198.19.251.${addressCounter}` } });
  const page = await context.newPage();
  // The provider's development pages import a web font: there is no internet here.
  await page.route('https://fonts.googleapis.com/**', (route) => route.abort());
  return page;
}

/** "Sign in with Test IdP", then the provider's own sign-in page: any login (the email), any password. */
async function signInAtProviderUntilConsent(page: Page, login: string) {
  await page.goto('/login');
  await page.getByRole('button', { name: `Sign in with ${PROVIDER_NAME}` }).click();
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await expect(page.getByRole('button', { name: 'Continue' })).toBeVisible();
}

/** The whole way through the provider, consent included: it then sends the browser back to the console. */
async function signInAtProvider(page: Page, login: string) {
  await signInAtProviderUntilConsent(page, login);
  await page.getByRole('button', { name: 'Continue' }).click();
}

async function newPerson(db: PrismaClient, role: 'OPERATOR' | 'VIEWER', disabled = false) {
  const suffix = crypto.randomUUID().slice(0, 8);
  return db.user.create({
    data: { email: `sso-${suffix}@e2e.test`, name: `Sami ${suffix}`, role, disabled, passwordHash: await testPasswordHash('sso-test-password') },
  });
}

test('an admin connects the provider; a person on the Staff page signs in with it, without the console’s second factor', async ({
  page,
  browser,
  db,
  signInAs,
}) => {
  const admin = await signInAs(page, 'ADMIN');
  // An issuer that is not the provider's is found before anything is saved.
  await page.goto('/settings/single-sign-on');
  const form = page.getByRole('form', { name: 'Single sign-on' });
  await form.getByLabel('Name on the button').fill(PROVIDER_NAME);
  await form.getByLabel('Issuer').fill(`${provider.issuer}/not-here`);
  await form.getByLabel('Client ID').fill(TEST_CLIENT.id);
  await form.getByRole('button', { name: 'Save single sign-on' }).click();
  await expect(problemOn(page)).toHaveText(
    `The provider answered 404 at ${provider.issuer}/not-here/.well-known/openid-configuration: check the issuer address.`,
  );
  await form.getByLabel('Issuer').fill('http://sso.example.com');
  await form.getByRole('button', { name: 'Save single sign-on' }).click();
  await expect(page.getByText('The issuer address must start with https://', { exact: false })).toBeVisible();
  expect(await db.signInPolicy.count()).toBe(0);

  await setUpSso(page);
  await expect(page.getByText(`${new URL(page.url()).origin}/api/auth/callback/sso`, { exact: false })).toBeVisible();
  const policy = await db.signInPolicy.findUniqueOrThrow({ where: { id: 1 } });
  expect(policy).toMatchObject({ ssoName: PROVIDER_NAME, ssoIssuer: provider.issuer, ssoClientId: TEST_CLIENT.id, ssoAllowedDomain: DOMAIN });
  expect(policy.ssoClientSecret).not.toContain(TEST_CLIENT.secret);
  const change = await db.settingsChange.findFirstOrThrow({ where: { kind: 'SSO_CHANGED', actorId: admin.id }, orderBy: { createdAt: 'desc' } });
  expect(JSON.stringify(change.after)).not.toContain(TEST_CLIENT.secret);
  expect(change.after).toMatchObject({ issuer: provider.issuer, 'client secret': 'set', 'allowed domain': DOMAIN });

  // Password sign-ins must have a second factor; single sign-on relies on the provider's.
  await db.signInPolicy.update({ where: { id: 1 }, data: { secondFactor: 'EVERYONE' } });
  const operator = await newPerson(db, 'OPERATOR');
  const theirs = await freshPage(browser);
  await signInAtProvider(theirs, operator.email.toUpperCase());
  await expect(theirs.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await theirs.goto('/chats');
  await expect(theirs.getByRole('heading', { name: 'Chats' })).toBeVisible();

  const attempt = await db.loginAttempt.findFirstOrThrow({ where: { email: operator.email }, orderBy: { createdAt: 'desc' } });
  expect(attempt).toMatchObject({ method: 'SSO', succeeded: true });
  expect((await db.user.findUniqueOrThrow({ where: { id: operator.id } })).lastLoginAt).not.toBeNull();

  // Disabling them on the Staff page ends the session at once. (The rule goes back first: the
  // admin's own password session has no second factor.)
  await db.signInPolicy.update({ where: { id: 1 }, data: { secondFactor: 'OPTIONAL' } });
  await page.goto('/staff');
  const row = page.getByRole('row', { name: operator.email });
  await row.getByRole('button', { name: `Disable ${operator.name}` }).click();
  await page
    .getByRole('dialog', { name: `Disable ${operator.name}?` })
    .getByRole('button', { name: `Disable ${operator.name}` })
    .click();
  await expect(row.getByText('Disabled', { exact: true })).toBeVisible();
  await theirs.goto('/chats');
  await expect(theirs.getByText('An admin disabled your account, so you were signed out.', { exact: false })).toBeVisible();
  // And the provider can no longer let them in.
  const again = await freshPage(browser);
  await signInAtProvider(again, operator.email);
  await expect(problemOn(again)).toHaveText('An admin disabled your account, so you cannot sign in. Ask an admin if you think this is a mistake.');
  for (const other of [theirs, again]) await other.context().close();
});

test('the provider’s people are refused with a reason: unknown, unverified or disabled; the allowed domain joins as viewer', async ({
  page,
  browser,
  db,
  signInAs,
}) => {
  await signInAs(page, 'ADMIN');
  await setUpSso(page);

  const stranger = await freshPage(browser);
  await signInAtProvider(stranger, `someone-${crypto.randomUUID().slice(0, 6)}@elsewhere.test`);
  await expect(problemOn(stranger)).toHaveText('Your email address is not on the console’s Staff page. Ask an admin to add you, then sign in again.');
  await expect(stranger).toHaveURL(/\/login\?sso=unknown$/);

  const unverifiedLogin = `unverified-${crypto.randomUUID().slice(0, 6)}`;
  provider.describe(unverifiedLogin, { email: `${unverifiedLogin}@${DOMAIN}`, email_verified: false });
  const unverified = await freshPage(browser);
  await signInAtProvider(unverified, unverifiedLogin);
  await expect(problemOn(unverified)).toContainText('says your email address is not verified');

  const disabled = await newPerson(db, 'OPERATOR', true);
  const refused = await freshPage(browser);
  await signInAtProvider(refused, disabled.email);
  await expect(problemOn(refused)).toHaveText('An admin disabled your account, so you cannot sign in. Ask an admin if you think this is a mistake.');

  const newcomerLogin = `newcomer-${crypto.randomUUID().slice(0, 6)}`;
  const newcomerEmail = `${newcomerLogin}@${DOMAIN}`;
  provider.describe(newcomerLogin, { email: newcomerEmail, email_verified: 'true', name: 'Nell Newcomer' });
  const newcomer = await freshPage(browser);
  await signInAtProvider(newcomer, newcomerLogin);
  await expect(newcomer.getByRole('heading', { name: 'Overview' })).toBeVisible();
  const joined = await db.user.findUniqueOrThrow({ where: { email: newcomerEmail } });
  expect(joined).toMatchObject({ name: 'Nell Newcomer', role: 'VIEWER', disabled: false });
  const history = await db.staffChange.findMany({ where: { targetId: joined.id }, select: { kind: true, actorId: true } });
  expect(history).toEqual([{ kind: 'JOINED_THROUGH_SSO', actorId: joined.id }]);
  // Nobody else was added on the way, and every refusal was recorded.
  expect(await db.user.count({ where: { email: `${unverifiedLogin}@${DOMAIN}` } })).toBe(0);
  const failures = await db.loginAttempt.findMany({
    where: { method: 'SSO', succeeded: false, email: { in: [disabled.email, `${unverifiedLogin}@${DOMAIN}`] } },
  });
  expect(failures).toHaveLength(2);

  await page.goto('/history?tab=staff');
  await expect(
    page
      .getByRole('row', { name: /Joined through single sign-on/ })
      .filter({ hasText: 'Nell Newcomer' })
      .first(),
  ).toBeVisible();
  for (const other of [stranger, unverified, refused, newcomer]) await other.context().close();
});

test('a forged or replayed answer from the provider is refused: the state must be this browser’s', async ({ page, browser, db, signInAs }) => {
  await signInAs(page, 'ADMIN');
  await setUpSso(page);
  const person = await newPerson(db, 'VIEWER');

  // An attacker's browser started a sign-in of its own; its state cookie is slipped into the
  // victim's browser, whose answer from the provider then carries another state.
  const attacker = await freshPage(browser);
  await attacker.goto('/login');
  await attacker.getByRole('button', { name: `Sign in with ${PROVIDER_NAME}` }).click();
  await expect(attacker.getByPlaceholder('Enter any login')).toBeVisible();
  const attackerState = (await attacker.context().cookies()).find((cookie) => cookie.name.endsWith('authjs.state'));
  expect(attackerState).toBeDefined();
  const victim = await freshPage(browser);
  await signInAtProviderUntilConsent(victim, person.email);
  await victim.context().addCookies([attackerState!]);
  await victim.getByRole('button', { name: 'Continue' }).click();
  await expect(problemOn(victim)).toContainText(`Signing in with ${PROVIDER_NAME} did not complete`);
  expect(await (await victim.request.get('/api/auth/session')).json()).toBeNull();

  // A genuine answer, opened again in another browser (a stolen link), signs nobody in.
  const genuine = await freshPage(browser);
  const callback = genuine.waitForRequest('**/api/auth/callback/sso?**');
  await signInAtProvider(genuine, person.email);
  await expect(genuine.getByRole('heading', { name: 'Overview' })).toBeVisible();
  const replay = await freshPage(browser);
  await replay.goto((await callback).url());
  await expect(problemOn(replay)).toContainText(`Signing in with ${PROVIDER_NAME} did not complete`);
  const sessions = await replay.request.get('/api/auth/session');
  expect(await sessions.json()).toBeNull();
  for (const other of [attacker, victim, genuine, replay]) await other.context().close();
});

test('“SSO only” turns password sign-in off for everyone but the break-glass admin', async ({ page, browser, db, signInAs, staff }) => {
  const admin = await signInAs(page, 'ADMIN');
  // An operator signed in with a password before the change.
  const operatorPage = await freshPage(browser);
  await operatorPage.goto('/login');
  await operatorPage.getByLabel('Email').fill(staff.OPERATOR.email);
  await operatorPage.getByLabel('Password').fill(staff.OPERATOR.password);
  await operatorPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(operatorPage.getByRole('heading', { name: 'Overview' })).toBeVisible();

  await setUpSso(page, { ssoOnly: true });
  await expect(page.getByLabel('Break-glass admin')).toHaveValue(admin.id);
  expect(await db.signInPolicy.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ ssoOnly: true, breakGlassUserId: admin.id });

  // The operator's password session is over, and a password no longer lets them in.
  await operatorPage.goto('/chats');
  await expect(operatorPage.getByText('Password sign-in was turned off: sign in with your company’s single sign-on instead.')).toBeVisible();
  await operatorPage.getByText('Break-glass admin: sign in with a password').click();
  await operatorPage.getByLabel('Email').fill(staff.OPERATOR.email);
  await operatorPage.getByLabel('Password').fill(staff.OPERATOR.password);
  await operatorPage.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(problemOn(operatorPage)).toHaveText(
    'Password sign-in is turned off for this console: use the single sign-on button above. Only the break-glass admin can sign in with a password.',
  );
  // Single sign-on still lets them in.
  await signInAtProvider(operatorPage, staff.OPERATOR.email);
  await expect(operatorPage.getByRole('heading', { name: 'Overview' })).toBeVisible();

  // The break-glass admin still can, with a password.
  const breakGlass = await freshPage(browser);
  await breakGlass.goto('/login');
  await breakGlass.getByText('Break-glass admin: sign in with a password').click();
  await breakGlass.getByLabel('Email').fill(admin.email);
  await breakGlass.getByLabel('Password').fill(admin.password);
  await breakGlass.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(breakGlass.getByRole('heading', { name: 'Overview' })).toBeVisible();

  // Turning single sign-on off opens password sign-in to everyone again.
  await page.goto('/settings/single-sign-on');
  await page.getByRole('button', { name: 'Turn single sign-on off' }).click();
  await page.getByRole('dialog', { name: 'Turn single sign-on off?' }).getByRole('button', { name: 'Turn off' }).click();
  await expect(page.getByText('Single sign-on is off: everyone signs in with a password again.')).toBeVisible();
  const changes = await db.settingsChange.findMany({ where: { kind: 'SSO_CHANGED', actorId: admin.id }, orderBy: { createdAt: 'desc' }, take: 2 });
  expect(changes[0]).toMatchObject({ after: null });
  expect(changes[0]!.before).toMatchObject({ 'SSO only': 'yes', 'break-glass admin': admin.email });
  const again = await freshPage(browser);
  await again.goto('/login');
  await expect(again.getByRole('button', { name: `Sign in with ${PROVIDER_NAME}` })).toHaveCount(0);
  for (const other of [operatorPage, breakGlass, again]) await other.context().close();
});
