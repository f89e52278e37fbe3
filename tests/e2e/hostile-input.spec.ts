import fs from 'node:fs';
import path from 'node:path';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import type { PrismaClient } from '@/generated/prisma/client';
import { expect, signInRequest, test } from './fixtures';
import { testPasswordHash } from './password-hash';
import { callServerAction, formData, listServerActions } from './server-actions';
import { openStream } from './streams';

// Hostile values sent, as an admin (who may call everything), to every route handler, page and
// server action of the build, read from its manifests as the security matrix does: whatever
// arrives, the console answers with a refusal or a page, never a 5xx and never a cut response.

const HOSTILE = [
  '\u0000',
  'chat\u0000id',
  '\u202Egnp.exe', // right-to-left override
  '\u200B',
  'x'.repeat(10_000),
  '%E0%A4%A', // bad percent-encoding, sent as is
  '%',
  "' OR 1=1 --",
  '+1',
  '+1555000000199999999',
  '../../etc/passwd',
  // Cursors JavaScript reads as dates and PostgreSQL does not, and cursors of the wrong shape.
  Buffer.from('["1","x"]').toString('base64url'),
  Buffer.from('["never","x","1"]').toString('base64url'),
  Buffer.from('1|x').toString('base64url'),
  '{"kind":"everything"}',
];

/** The query parameters the console's pages and routes read. */
const PARAMS = [
  'q',
  'from',
  'to',
  'tz',
  'show',
  'reason',
  'shared',
  'service',
  'health',
  'group',
  'sort',
  'limit',
  'cursor',
  'tab',
  'number',
  'actor',
  'outcome',
  'run',
  'latest',
  'ids',
  'lastEventId',
];

/** Routes whose answer never ends (server-sent events): their status is read, then they are dropped. */
const STREAMS = new Set(['/api/live']);

const manifest = (name: string) => JSON.parse(fs.readFileSync(path.join(process.cwd(), '.next', 'server', name), 'utf8'));

/** "/(dashboard)/runs/[id]/page" → "/runs/<value>"; Next's own entries and Auth.js's catch-all stay out. */
function addresses(value: string): string[] {
  const encoded = encodeURIComponent(value);
  return Object.keys(manifest('app-paths-manifest.json'))
    .filter((entry) => !entry.startsWith('/_') && (entry.endsWith('/page') || entry.endsWith('/route')))
    .map(
      (entry) =>
        entry
          .replace(/\/(page|route)$/, '')
          .replace(/\/\([^)]*\)/g, '')
          .replace(/\[\.\.\.[^\]]+\]|\[[^\]]+\]/g, encoded) || '/',
    );
}

const baseURLs = new WeakMap<APIRequestContext, string | undefined>();

/** An admin of this test's own: its Linq budget and throttles are nobody else's. */
async function signedInAdmin(baseURL: string | undefined, db: PrismaClient): Promise<APIRequestContext> {
  const email = `hostile-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@e2e.test`;
  const password = 'hostile-input-admin-password';
  await db.user.create({ data: { email, name: 'Hostile Sweep', role: 'ADMIN', passwordHash: await testPasswordHash(password) } });
  const api = await playwrightRequest.newContext({ baseURL });
  baseURLs.set(api, baseURL);
  await signInRequest(api, { email, password });
  return api;
}

async function expectAnswered(api: APIRequestContext, address: string, method: 'GET' | 'POST' = 'GET') {
  if (STREAMS.has(address.split('?')[0]!)) return expectStreamAnswered(api, address);
  const response = method === 'GET' ? await api.get(address, { maxRedirects: 0 }) : await api.post(address, { maxRedirects: 0, data: '{}' });
  expect(response.status(), `${method} ${address.slice(0, 200)}`).toBeLessThan(500);
  // The whole answer arrives (a CSV cut mid-stream would fail here).
  await response.body();
}

async function expectStreamAnswered(api: APIRequestContext, address: string) {
  const { response, close } = await openStream(api, baseURLs.get(api)!, address);
  close();
  expect(response.status, `GET ${address.slice(0, 200)}`).toBeLessThan(500);
}

test.describe('hostile input', () => {
  test.describe.configure({ timeout: 300_000 });

  test('every route handler and page answers every hostile value without a 5xx or a cut response', async ({ baseURL, db }) => {
    const api = await signedInAdmin(baseURL, db);
    for (const value of HOSTILE) {
      const query = PARAMS.map((name) => `${name}=${encodeURIComponent(value)}`).join('&');
      for (const address of addresses(value)) {
        await expectAnswered(api, address);
        await expectAnswered(api, `${address}?${query}`);
      }
      // The bad percent-encoding as it is, in the path and the query.
      await expectAnswered(api, `/api/chats?q=${value}&cursor=${value}`);
      await expectAnswered(api, `/api/history/export?run=${value}&q=${value}`);
    }
    // A download name that would close its quotes and add a parameter stays one safe name.
    const download = await api.get(`/api/history/export?run=${encodeURIComponent('x"; filename*=UTF-8\'\'invoice.html; x="')}`);
    expect(download.headers()['content-disposition']).toMatch(/^attachment; filename="[A-Za-z0-9._+-]+"; filename\*=UTF-8''[A-Za-z0-9._+-]+$/);
    expect(download.headers()['content-disposition']).not.toContain('invoice.html;');
    await api.dispose();
  });

  test('every server action answers every hostile value without a 5xx', async ({ baseURL, db }) => {
    const api = await signedInAdmin(baseURL, db);
    // Left out: signing out, here or everywhere (it ends the session the others use), and "Sync now" (it ignores its arguments and starts a sync).
    const actions = listServerActions().filter((action) => !['signOutAction', 'signOutEverywhereAction', 'requestSyncAction'].includes(action.exportedName));
    expect(actions.length).toBeGreaterThan(15);
    for (const action of actions) {
      for (const value of HOSTILE) {
        const fields = Object.fromEntries(
          [
            'phoneNumber',
            'firstName',
            'lastName',
            'photoMode',
            'photoUrl',
            'email',
            'name',
            'role',
            'password',
            'passwordMode',
            'token',
            'confirm',
            'enabled',
            'timeOfDay',
            'timeZone',
            'onlyRepliedChats',
            'callbackUrl',
          ].map((name) => [name, value]),
        );
        for (const args of [
          [value],
          [value, value],
          [{ status: 'idle' }, formData(fields)],
          [{ kind: 'filter', query: { q: value, from: value, show: value } }],
          [{ kind: 'chats', chatIds: [value] }],
          [{ kind: value }],
        ]) {
          const result = await callServerAction(api, action, args);
          expect(result.status, `${action.filename}#${action.exportedName} ${JSON.stringify(args).slice(0, 120)}`).toBeLessThan(500);
        }
      }
    }
    await api.dispose();
  });
});
