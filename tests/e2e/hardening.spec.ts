import { request as playwrightRequest } from '@playwright/test';
import { E2E_ADMIN } from './constants';
import { expect, signInRequest, test } from './fixtures';
import { callServerAction, findServerAction, formData } from './server-actions';

// What a security review of the production build found, each tried again as an attacker would.

test.describe('sign-in redirects stay on the console', () => {
  const hostile = [
    '%2F%09%2Fevil.example%2Fphish', // a slash, a tab, then /evil.example: browsers read //evil.example
    '%2F%0A%2Fevil.example',
    '%2F%0D%2Fevil.example',
    '%2Fchats%00',
    '%2F%E2%80%8B%2Fevil.example', // U+200B, invisible
    '%2Fchats%250A', // an encoded %0A inside the value
    '%2F%5Cevil.example',
    'https%3A%2F%2Fevil.example',
  ];

  test('a signed-in visitor sent to /login with any of them goes to a page of the console, never elsewhere and never to a 500', async ({
    page,
    baseURL,
    signInAs,
  }) => {
    await signInAs(page, 'VIEWER');
    for (const value of hostile) {
      const response = await page.request.get(`/login?callbackUrl=${value}`, { maxRedirects: 0 });
      expect(response.status(), value).toBeLessThan(500);
      const location = response.headers().location;
      expect(location, value).toBeDefined();
      expect(new URL(location!, baseURL).origin, value).toBe(new URL(baseURL!).origin);
    }
    const kept = await page.request.get('/login?callbackUrl=%2Fhistory%3Ftab%3Dcards', { maxRedirects: 0 });
    expect(kept.headers().location).toMatch(/\/history\?tab=cards$/);
  });

  test('signing in with a hostile callback lands on the overview of the console', async ({ page, baseURL }) => {
    for (const value of [hostile[0], hostile[3]]) {
      const response = await page.goto(`/login?callbackUrl=${value}`);
      expect(response?.status()).toBe(200);
    }
    await page.goto(`/login?callbackUrl=${hostile[0]}`);
    await page.getByLabel('Email').fill(E2E_ADMIN.email);
    await page.getByLabel('Password').fill(E2E_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  });
});

test('a malformed address gets a sentence and 400, not a 500', async ({ page, signInAs }) => {
  await signInAs(page, 'VIEWER');
  const response = await page.request.get('/api/cards/%25E0%25A4%25A');
  expect(response.status()).toBe(400);
  expect((await response.json()).error).toMatch(/international format/);
  expect((await page.request.get('/api/cards/%2B19999999999')).status()).toBe(404);
});

test('behind the one proxy TRUSTED_PROXIES names, the client address is what that proxy added: entries forged to its left and a forged peer header are ignored', async ({
  baseURL,
  db,
}) => {
  // (The consoles under test trust one proxy: the test runner. Without TRUSTED_PROXIES the address
  // is the connection's whatever X-Forwarded-For says: tests/unit/throttle.test.ts.)
  const api = await playwrightRequest.newContext({ baseURL });
  const email = `nobody-${Date.now()}@e2e.test`;
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  await api.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password: 'wrong' },
    headers: { 'X-Forwarded-For': '203.0.113.66, 198.51.100.77', 'x-console-peer-address': '198.51.100.1' },
    maxRedirects: 0,
  });
  const attempt = await db.loginAttempt.findFirstOrThrow({ where: { email } });
  expect(attempt.address).toBe('198.51.100.77');
  await api.dispose();
});

test('Auth.js’s own sign-out ends the session on the server, and the session route says so', async ({ baseURL, staff }) => {
  const api = await playwrightRequest.newContext({ baseURL });
  await signInRequest(api, staff.VIEWER);
  const cookies = (await api.storageState()).cookies;
  const session = cookies.find((c) => c.name.endsWith('authjs.session-token'))!;
  expect(((await (await api.get('/api/auth/session')).json()) as { user?: { email?: string } }).user?.email).toBe(staff.VIEWER.email);

  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  await api.post('/api/auth/signout', { form: { csrfToken }, maxRedirects: 0 });

  // The old cookie, replayed: no session, no refreshed cookie, no page.
  const replay = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { cookie: `${session.name}=${session.value}` } });
  const answer = await replay.get('/api/auth/session');
  expect(await answer.json()).toBeNull();
  expect(answer.headers()['set-cookie'] ?? '').not.toContain('session-token=ey');
  const page = await replay.get('/', { maxRedirects: 0 });
  expect(page.headers().location ?? '').toContain('/login');
  // Auth.js's other routes, unused by the console, are not there.
  expect((await replay.get('/api/auth/providers')).status()).toBe(404);
  expect((await replay.get('/api/auth/signin')).status()).toBe(404);
  await api.dispose();
  await replay.dispose();
});

test('every page runs under a nonce-based Content-Security-Policy, without a single violation', async ({ page, signInAs }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to (load|execute|apply|frame|connect)/i.test(message.text())) violations.push(message.text());
  });
  await page.goto('/login');
  const login = await page.request.get('/login');
  const csp = login.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) expect(csp).toContain(directive);
  expect(login.headers()['permissions-policy']).toContain('camera=()');
  const another = (await page.request.get('/login')).headers()['content-security-policy'];
  expect(another).not.toBe(csp);

  await signInAs(page, 'ADMIN');
  for (const path of ['/', '/chats', '/cards', '/cards/%2B14155550100', '/history', '/history?tab=settings', '/staff', '/settings', '/set-password']) {
    await page.goto(path);
    await expect(page.locator('main, body').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
  }
  expect(violations).toEqual([]);

  // Every HTML answer carries the policy: an address ending like an image, a page that does not
  // exist, and the router's prefetches.
  for (const [path, headers] of [
    ['/cards/%2B15550000001.png', {}],
    ['/no-such-page.svg', {}],
    ['/chats', { 'next-router-prefetch': '1', rsc: '1' }],
    ['/history', { 'next-router-prefetch': '1' }],
  ] as const) {
    const response = await page.request.get(path, { headers, maxRedirects: 0 });
    expect(response.headers()['content-security-policy'], path).toMatch(/script-src 'self' 'nonce-/);
  }
});

test('a photo address of a private or local network is refused beside the field, and Linq is not asked', async ({ page, sandbox, signInAs }) => {
  await signInAs(page, 'OPERATOR');
  const phone = await sandbox.addLine();
  await page.goto(`/cards/${encodeURIComponent(phone)}`);
  await page.getByLabel('First name').fill('Harbor');
  for (const address of [
    'https://127.0.0.1:8443/photo.jpg',
    'https://localhost/photo.jpg',
    'https://[::1]/photo.jpg',
    'https://169.254.169.254/latest/meta-data',
  ]) {
    await page.getByLabel('Use a photo address').check();
    await page.getByRole('textbox', { name: 'Photo address' }).fill(address);
    await page.getByRole('button', { name: 'Create card' }).click();
    await expect(page.getByText(/points to a private or local network/)).toBeVisible();
  }
  expect(
    await sandbox
      .requests({ path: '/v3/contact_card', method: 'POST' })
      .then((r) => r.filter((x) => (x.body as { phone_number?: string })?.phone_number === phone)),
  ).toEqual([]);
});

test('a photo between 10 and 15 MB gets the sentence about the 10 MB limit, not a 500', async ({ page, sandbox, signInAs }) => {
  await signInAs(page, 'OPERATOR');
  const phone = await sandbox.addLine();
  const action = { ...findServerAction('lib/actions/contact-cards.ts', 'saveContactCardAction'), pagePath: '/cards' };
  const data = formData({ phoneNumber: phone, firstName: 'Harbor', lastName: '', photoMode: 'upload' });
  data.set('photo', new File([new Uint8Array(12 * 1024 * 1024)], 'big.jpg', { type: 'image/jpeg' }));
  const result = await callServerAction(page.request, action, [{ status: 'idle' }, data]);
  expect(result.status).toBe(200);
  expect(result.text).toContain('the limit is 10.0 MB');
});

test('a viewer’s History staff filter names only people in the records they can see, without emails', async ({ page, db, signInAs }) => {
  await signInAs(page, 'VIEWER');
  const bystander = await db.user.create({
    data: { email: `bystander-${Date.now()}@e2e.test`, name: `Bystander ${Date.now()}`, role: 'VIEWER', passwordHash: 'x' },
  });
  await page.goto('/history');
  const options = await page.getByLabel('Staff member').locator('option').allTextContents();
  expect(options).not.toContain(bystander.name);
  expect(options.join(' ')).not.toMatch(/@/);
});

test('the webhook route reads no more than a Linq event can be: a 50 MB chunked body gets 413 at once, and the console stays up', async ({ baseURL }) => {
  const http = await import('node:http');
  const target = new URL('/api/webhooks/linq', baseURL);
  let sent = 0;
  const answer = await new Promise<{ status: number; sentBeforeAnswer: number }>((resolve, reject) => {
    const request = http.request(target, {
      method: 'POST',
      // Signature headers present (so the body is read), no Content-Length: the body comes in chunks.
      headers: {
        'content-type': 'application/json',
        'transfer-encoding': 'chunked',
        'webhook-id': 'msg_big',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': 'v1,Zm9yZ2Vk',
      },
    });
    request.on('response', (response) => {
      resolve({ status: response.statusCode ?? 0, sentBeforeAnswer: sent });
      response.resume();
      request.destroy();
    });
    request.on('error', (error) => (sent > 0 ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      while (sent < 50 * 1024 * 1024 && !request.destroyed) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (!request.destroyed) request.end();
    };
    pump();
  });
  expect(answer.status).toBe(413);
  expect(answer.sentBeforeAnswer).toBeLessThan(50 * 1024 * 1024);
  const health = await fetch(new URL('/api/health', baseURL));
  expect(health.status).toBe(200);
});
