import fs from 'node:fs';
import path from 'node:path';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { can, type Permission, type Role } from '@/lib/roles';
import { expect, test } from './fixtures';
import { callServerAction, formData, listServerActions } from './server-actions';
import { openStream } from './streams';

// Every server action, route handler and page of the built console, called as anonymous, viewer,
// operator and admin. The lists below are checked against the build's manifests: a new action,
// route or page without an entry here fails this test until someone decides who may use it.
// Allowed calls use harmless arguments (invalid input, unknown ids): authorization comes first.

/** `token`: no session opens it, whatever the role: only its own bearer token (METRICS_TOKEN). */
type Access = Permission | 'public' | 'signedIn' | 'token';

const ACTIONS: Record<string, { access: Access; page: string; args: () => unknown[] }> = {
  // (A form the schema refuses: no sign-in attempt is made, so the suite's shared address is not throttled.)
  'lib/actions/auth.ts#signInWithPassword': { access: 'public', page: '/login', args: () => [{}, formData({ email: 'not-an-email', password: '' })] },
  // With single sign-on off (as in this suite), it sends the browser back to the sign-in page.
  'lib/actions/auth.ts#startSsoSignIn': { access: 'public', page: '/login', args: () => [formData({ callbackUrl: '/' })] },
  'lib/actions/password.ts#setPasswordAction': {
    access: 'public',
    page: '/set-password',
    args: () => [undefined, formData({ token: 'x'.repeat(43), password: 'long-enough-pass', confirm: 'long-enough-pass' })],
  },
  'lib/actions/contact-cards.ts#saveContactCardAction': {
    access: 'editCards',
    page: '/cards',
    args: () => [{ status: 'idle' }, formData({ phoneNumber: 'not-a-number', firstName: '', photoMode: 'keep' })],
  },
  'lib/actions/shares.ts#shareContactCardAction': { access: 'shareCards', page: '/chats', args: () => [''] },
  'lib/actions/shares.ts#releaseShareHoldAction': { access: 'shareCards', page: '/chats', args: () => ['no-such-chat', 'The customer says nothing arrived.'] },
  'lib/actions/chats.ts#requestSyncAction': { access: 'syncChats', page: '/chats', args: () => [] },
  'lib/actions/views.ts#saveViewAction': { access: 'view', page: '/chats', args: () => [null, formData({ name: '', query: '' })] },
  'lib/actions/views.ts#deleteViewAction': { access: 'view', page: '/chats', args: () => ['no-such-view'] },
  // Runs: a plan of a chat nobody has, a selection that cannot be read, runs that do not exist.
  'lib/actions/runs.ts#planBulkShareAction': { access: 'shareCards', page: '/chats', args: () => [{ kind: 'chats', chatIds: ['no-such-chat'] }] },
  'lib/actions/runs.ts#startBulkShareAction': { access: 'shareCards', page: '/chats', args: () => [{ kind: 'everything' }] },
  'lib/actions/runs.ts#retryFailedAction': { access: 'shareCards', page: '/history', args: () => ['no-such-run'] },
  'lib/actions/runs.ts#controlRunAction': { access: 'shareCards', page: '/history', args: () => ['no-such-run', 'cancel'] },
  'lib/actions/runs.ts#takeOverRunAction': { access: 'takeOverWork', page: '/history', args: () => ['no-such-run'] },
  'lib/actions/schedules.ts#saveScheduleAction': {
    access: 'shareCards',
    page: '/cards/%2B14155550100',
    args: () => [{ status: 'idle' }, formData({ phoneNumber: 'not-a-number', enabled: 'on', timeOfDay: '25:00', timeZone: 'Nowhere/Special' })],
  },
  'lib/actions/auto-share.ts#saveAutoShareAction': {
    access: 'automateShares',
    page: '/cards/%2B14155550100',
    args: () => [null, formData({ phoneNumber: 'not-a-number', enabled: 'on', trigger: 'FIRST_OUTBOUND', delayMinutes: '-1', timeZone: 'Nowhere/Special' })],
  },
  // Not a yes or no: nothing is paused or resumed.
  'lib/actions/auto-share.ts#setAutoSharePauseAction': { access: 'pauseAutoShares', page: '/settings', args: () => ['maybe'] },
  // An address the page never showed, and a subscription that does not exist: nothing changes.
  'lib/actions/settings.ts#connectWebhooksAction': { access: 'manageSettings', page: '/settings', args: () => ['https://elsewhere.example/hook'] },
  'lib/actions/settings.ts#disconnectWebhooksAction': { access: 'manageSettings', page: '/settings', args: () => ['no-such-subscription'] },
  'lib/actions/settings.ts#applyDeliveryAgainAction': { access: 'manageSettings', page: '/settings/webhooks', args: () => ['no-such-delivery'] },
  // Forms left blank and a channel that does not exist: nothing is saved or sent.
  'lib/actions/alerts.ts#saveEmailChannelAction': { access: 'manageSettings', page: '/settings/alerts', args: () => [null, formData({ host: '', port: 'x' })] },
  'lib/actions/alerts.ts#saveSlackChannelAction': {
    access: 'manageSettings',
    page: '/settings/alerts',
    args: () => [null, formData({ url: 'http://elsewhere.example/hook' })],
  },
  'lib/actions/alerts.ts#saveAlertRulesAction': { access: 'manageSettings', page: '/settings/alerts', args: () => [null, formData({ silenceMinutes: '0' })] },
  'lib/actions/alerts.ts#sendTestAlertAction': { access: 'manageSettings', page: '/settings/alerts', args: () => ['PIGEON'] },
  'lib/actions/staff.ts#createStaffMember': {
    access: 'manageStaff',
    page: '/staff',
    args: () => [undefined, formData({ name: '', email: 'not-an-email', role: 'ADMIN', password: 'x' })],
  },
  'lib/actions/staff.ts#changeStaffRole': { access: 'manageStaff', page: '/staff', args: () => ['no-such-staff-member', 'ADMIN'] },
  'lib/actions/staff.ts#setStaffDisabled': { access: 'manageStaff', page: '/staff', args: () => ['no-such-staff-member', true] },
  'lib/actions/staff.ts#resetStaffPassword': {
    access: 'manageStaff',
    page: '/staff',
    args: () => ['no-such-staff-member', formData({ passwordMode: 'link' })],
  },
  // My account: blank codes and a form that does not match; nothing changes. Starting a setup only
  // keeps a new secret aside until a code confirms it.
  'lib/actions/account.ts#startTotpSetup': { access: 'signedIn', page: '/account', args: () => [] },
  'lib/actions/account.ts#confirmTotp': { access: 'signedIn', page: '/account', args: () => [null, formData({ code: '' })] },
  'lib/actions/account.ts#changeSecondFactor': { access: 'view', page: '/account', args: () => [null, formData({ code: '', intent: 'renew' })] },
  // (No password: refused before any password is checked, so no account is throttled.)
  'lib/actions/passkeys.ts#startAddingPasskey': { access: 'signedIn', page: '/account', args: () => [formData({ name: '', current: '' })] },
  'lib/actions/passkeys.ts#finishAddingPasskey': { access: 'signedIn', page: '/account', args: () => [{ challengeId: 'not-a-challenge' }] },
  'lib/actions/passkeys.ts#removePasskeyAction': {
    access: 'view',
    page: '/account',
    args: () => [null, formData({ passkeyId: 'no-such-passkey', current: '' })],
  },
  // Public as sign-in is: only a challenge the console signed opens it.
  'lib/actions/passkeys.ts#startPasskeySignIn': { access: 'public', page: '/login', args: () => ['forged-challenge'] },
  'lib/actions/account.ts#changePasswordAction': {
    access: 'view',
    page: '/account',
    args: () => [null, formData({ current: '', password: 'short', confirm: 'other' })],
  },
  'lib/actions/settings.ts#setSecondFactorRuleAction': { access: 'manageSettings', page: '/settings', args: () => ['SOMETIMES'] },
  'lib/actions/single-sign-on.ts#saveSsoSettingsAction': {
    access: 'manageSettings',
    page: '/settings/single-sign-on',
    args: () => [null, formData({ name: '', issuer: 'ftp://nowhere', clientId: '', clientSecret: '', allowedDomain: '', defaultRole: 'ADMIN' })],
  },
  'lib/actions/single-sign-on.ts#turnOffSsoAction': { access: 'manageSettings', page: '/settings/single-sign-on', args: () => [] },
  'lib/actions/staff.ts#resetStaffSecondFactor': { access: 'manageStaff', page: '/staff', args: () => ['no-such-staff-member'] },
  'lib/actions/staff.ts#setStaffNumbers': { access: 'manageStaff', page: '/staff', args: () => ['no-such-staff-member', { every: true }] },
  // Last: they end the session the other calls use.
  'lib/actions/account.ts#signOutEverywhereAction': { access: 'signedIn', page: '/account', args: () => [] },
  'lib/actions/auth.ts#signOutAction': { access: 'signedIn', page: '/', args: () => [] },
};

/** `stream`: the answer never ends (server-sent events): only its status is read, then it is dropped. */
const ROUTES: Record<string, { access: Access; path: string; stream?: true }> = {
  '/api/auth/[...nextauth]/route': { access: 'public', path: '/api/auth/session' },
  '/api/health/route': { access: 'public', path: '/api/health' },
  '/api/ready/route': { access: 'public', path: '/api/ready' },
  '/api/metrics/route': { access: 'token', path: '/api/metrics' },
  '/photos/[file]/route': { access: 'public', path: `/photos/${'0'.repeat(64)}.jpg` },
  '/api/cards/[phone]/route': { access: 'view', path: '/api/cards/%2B14155550100' },
  '/api/chats/route': { access: 'view', path: '/api/chats?limit=20' },
  '/api/chats/counts/route': { access: 'view', path: '/api/chats/counts?show=eligible' },
  '/api/chats/rows/route': { access: 'view', path: '/api/chats/rows?ids=no-such-chat' },
  '/api/live/route': { access: 'view', path: '/api/live', stream: true },
  // Public, trusted only through its signature (tests/e2e/webhooks.spec.ts); a GET is not even allowed.
  '/api/webhooks/linq/route': { access: 'public', path: '/api/webhooks/linq' },
  '/api/chats/[id]/shares/route': { access: 'view', path: '/api/chats/no-such-chat/shares' },
  '/api/chats/[id]/messages/route': { access: 'view', path: '/api/chats/no-such-chat/messages' },
  '/api/views/route': { access: 'view', path: '/api/views' },
  '/api/history/export/route': { access: 'exportHistory', path: '/api/history/export?from=2000-01-01&to=2000-01-01' },
  '/api/history/daily-totals/route': { access: 'view', path: '/api/history/daily-totals' },
  '/api/runs/[id]/route': { access: 'view', path: '/api/runs/no-such-run' },
  '/api/runs/[id]/export/route': { access: 'exportHistory', path: '/api/runs/no-such-run/export' },
  '/api/impact/export/route': { access: 'view', path: '/api/impact/export?weeks=4' },
};

const PAGES: Record<string, { access: Access; path: string | null }> = {
  '/(auth)/login/page': { access: 'public', path: '/login' },
  '/(auth)/set-password/page': { access: 'public', path: '/set-password' },
  // Sends whoever has nothing to set up on to My account.
  '/(auth)/second-factor/page': { access: 'signedIn', path: '/second-factor' },
  '/(dashboard)/account/page': { access: 'view', path: '/account' },
  '/(dashboard)/(overview)/page': { access: 'view', path: '/' },
  '/(dashboard)/cards/page': { access: 'view', path: '/cards' },
  '/(dashboard)/cards/[phone]/page': { access: 'view', path: '/cards/%2B14155550100' },
  '/(dashboard)/chats/page': { access: 'view', path: '/chats?limit=20' },
  '/(dashboard)/chats/[id]/page': { access: 'view', path: '/chats/no-such-chat' },
  '/(dashboard)/history/page': { access: 'view', path: '/history' },
  '/(dashboard)/impact/page': { access: 'view', path: '/impact' },
  '/(dashboard)/runs/[id]/page': { access: 'view', path: '/runs/no-such-run' },
  '/(dashboard)/staff/page': { access: 'manageStaff', path: '/staff' },
  '/(dashboard)/settings/page': { access: 'manageSettings', path: '/settings' },
  '/(dashboard)/settings/webhooks/page': { access: 'manageSettings', path: '/settings/webhooks' },
  '/(dashboard)/settings/alerts/page': { access: 'manageSettings', path: '/settings/alerts' },
  '/(dashboard)/settings/single-sign-on/page': { access: 'manageSettings', path: '/settings/single-sign-on' },
  // Next.js's own error page has no address: it is only rendered when another page throws.
  '/_global-error/page': { access: 'public', path: null },
  // An unknown address sends anonymous visitors to sign in, without telling them whether it exists.
  '/_not-found/page': { access: 'signedIn', path: '/no-such-page' },
};

const ROLES = ['anonymous', 'VIEWER', 'OPERATOR', 'ADMIN'] as const;

function allowed(role: (typeof ROLES)[number], access: Access): boolean {
  if (access === 'public') return true;
  if (access === 'token') return false;
  if (role === 'anonymous') return false;
  return access === 'signedIn' || can(role as Role, access);
}

const manifest = (name: string) => JSON.parse(fs.readFileSync(path.join(process.cwd(), '.next', 'server', name), 'utf8'));
const sentToLogin = (status: number, location: string | undefined) => [302, 303, 307].includes(status) && (location ?? '').includes('/login');

test('every action, route handler and page of the build is in the matrix', () => {
  const actions = listServerActions()
    .map((a) => `${a.filename}#${a.exportedName}`)
    .sort();
  expect(actions).toEqual(Object.keys(ACTIONS).sort());
  const entries = Object.keys(manifest('app-paths-manifest.json'));
  expect(entries.filter((e) => e.endsWith('/route')).sort()).toEqual(Object.keys(ROUTES).sort());
  expect(entries.filter((e) => e.endsWith('/page')).sort()).toEqual(Object.keys(PAGES).sort());
});

async function answerOf(api: APIRequestContext, routePath: string) {
  const response = await api.get(routePath, { maxRedirects: 0 });
  return { status: response.status(), location: response.headers().location };
}

/** A stream's status with the context's session: the body is never read, the connection dropped. */
async function streamStatus(api: APIRequestContext, baseURL: string, routePath: string) {
  const { response, close } = await openStream(api, baseURL, routePath);
  close();
  return { status: response.status, location: response.headers.get('location') ?? undefined };
}

for (const role of ROLES) {
  test(`as ${role === 'anonymous' ? 'an anonymous visitor' : role.toLowerCase()}, exactly the allowed calls get through`, async ({ baseURL, staff }) => {
    const api: APIRequestContext = await playwrightRequest.newContext({ baseURL });
    if (role !== 'anonymous') {
      const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
      const signIn = await api.post('/api/auth/callback/credentials', {
        form: { csrfToken, email: staff[role].email, password: staff[role].password },
        maxRedirects: 0,
      });
      expect(signIn.headers().location).not.toContain('error=');
    }

    for (const [key, { access, path: pagePath }] of Object.entries(PAGES)) {
      if (pagePath === null) continue;
      const response = await api.get(pagePath, { maxRedirects: 0 });
      const refused = response.status() === 403 || sentToLogin(response.status(), response.headers().location);
      expect(refused, `${role} ${key}`).toBe(!allowed(role, access));
    }

    for (const [key, { access, path: routePath, stream }] of Object.entries(ROUTES)) {
      const { status, location } = stream ? await streamStatus(api, baseURL!, routePath) : await answerOf(api, routePath);
      const refused = [401, 403].includes(status) || sentToLogin(status, location);
      expect(refused, `${role} ${key} answered ${status}`).toBe(!allowed(role, access));
    }

    const refs = new Map(listServerActions().map((a) => [`${a.filename}#${a.exportedName}`, a]));
    for (const [key, { access, page, args }] of Object.entries(ACTIONS)) {
      const result = await callServerAction(api, { ...refs.get(key)!, pagePath: page }, args());
      const refused =
        result.text.includes('Your role does not allow this') || result.text.includes('Your session has ended') || sentToLogin(result.status, result.location);
      expect(refused, `${role} ${key} answered ${result.status}`).toBe(!allowed(role, access));
    }
    await api.dispose();
  });
}

// Found by the second review: a disabled operator's run went on sharing in their name, and their
// daily re-share made a new run as them. Nobody who may not share can share through their work.
let customers = 0;
const uniqueCustomer = () => `+1646${String(Date.now() % 100_000).padStart(5, '0')}${String(++customers % 100).padStart(2, '0')}`;

test.describe('work in the name of someone who can no longer share', () => {
  test('disabling an operator says what will pause, pauses their run and schedule, and an admin takes the run over', async ({
    page,
    db,
    sandbox,
    signInAs,
    indexChats,
  }) => {
    test.setTimeout(120_000);
    const admin = await signInAs(page, 'ADMIN');
    const suffix = Math.random().toString(36).slice(2, 8);
    const casey = await db.user.create({ data: { email: `casey-${suffix}@e2e.test`, name: `Casey ${suffix}`, role: 'OPERATOR', passwordHash: 'x' } });
    const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
    const chats = [
      await sandbox.addChat({ from: line, to: [uniqueCustomer()], outbound: 1 }),
      await sandbox.addChat({ from: line, to: [uniqueCustomer()], outbound: 1 }),
    ];
    await indexChats();
    // A run of theirs still in progress (its job not queued yet), and their daily re-share.
    const run = await db.shareRun.create({
      data: {
        source: 'BULK',
        createdById: casey.id,
        selection: { kind: 'chats', chatIds: chats },
        total: 2,
        items: { create: chats.map((chatId) => ({ chatId, sendingNumber: line })) },
      },
    });
    await db.shareSchedule.create({
      data: { phoneNumber: line, enabled: true, timeOfDay: '09:00', timeZone: 'UTC', savedAt: new Date(), updatedById: casey.id },
    });

    await page.goto('/staff');
    await page
      .getByRole('row', { name: casey.email })
      .getByRole('button', { name: `Disable ${casey.name}` })
      .click();
    const dialog = page.getByRole('dialog', { name: `Disable ${casey.name}?` });
    await expect(
      dialog.getByText(`${casey.name} has 1 run in progress and 1 daily re-share: they will be paused until an admin takes them over.`),
    ).toBeVisible();
    await dialog.getByRole('button', { name: `Disable ${casey.name}` }).click();
    await expect(page.getByText('Account disabled: they are signed out and cannot sign in.')).toBeVisible();
    expect(await db.shareRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: 'PAUSED', pausedReason: 'owner' });

    await page.goto(`/cards/${encodeURIComponent(line)}`);
    await expect(page.getByText(`Stopped: ${casey.name}, who set it up, can no longer share.`, { exact: false })).toBeVisible();

    await page.goto(`/runs/${run.id}`);
    await expect(page.getByText('Paused: owner can no longer share', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Resume' })).toHaveCount(0);
    await page.getByRole('button', { name: `Take over from ${casey.name}` }).click();
    await expect(page.getByText('The run is yours now: it goes on in your name once you resume it.')).toBeVisible();
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(page.getByRole('progressbar', { name: 'Chats done' })).toHaveAttribute('aria-valuenow', '2', { timeout: 60_000 });
    expect(await db.shareRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: 'COMPLETED', shared: 2, createdById: admin.id });
    expect(await db.settingsChange.count({ where: { kind: 'RUN_TAKEN_OVER', subject: run.id, actorId: admin.id } })).toBe(1);
    expect(await db.shareEvent.count({ where: { runId: run.id, actorId: casey.id } })).toBe(0);
    for (const chatId of chats) expect(await sandbox.shares(chatId)).toHaveLength(1);
  });
});
