import { test as base, expect, request as playwrightRequest, type APIRequestContext, type Locator, type Page, type TestInfo } from '@playwright/test';
import type { PrismaClient } from '@/generated/prisma/client';
import { createPrismaClient } from '@/lib/db';
import type { Role } from '@/lib/roles';
import { STAFF_PASSWORD } from './constants';
import { testPasswordHash } from './password-hash';
import { SandboxControl } from './sandbox-control';
import { callServerAction, findServerAction } from './server-actions';

/** What a test needs to know about the console it drives, beyond its baseURL. */
export interface ConsoleUnderTest {
  /** The console's database, reached directly (the embedded one through its bridge port). */
  databaseUrl: string;
  /** The console's local Linq sandbox. */
  sandboxUrl: string;
  /** Another instance on the same database and Linq, when the project has one. */
  secondConsoleUrl?: string;
  /** A signing secret the console accepts from its environment (LINQ_WEBHOOK_SECRET), when set. */
  webhookSecret?: string;
  /** AUTH_SECRET when the test run sets it (else the console generates one into its data folder). */
  authSecret?: string;
}

export interface StaffAccount {
  id: string;
  email: string;
  name: string;
  password: string;
  role: Role;
}

interface WorkerFixtures {
  consoleUnderTest: ConsoleUnderTest;
  db: PrismaClient;
  staff: Record<Role, StaffAccount>;
}

interface TestFixtures {
  signInAs: (page: Page, role: Role) => Promise<StaffAccount>;
  sandbox: SandboxControl;
  /**
   * Brings the console's chat index up to date with the sandbox: a full sync that started after
   * the call (as "Sync now" does), waited for until it completes.
   */
  indexChats: () => Promise<void>;
}

/**
 * A full sync that started after the call (as "Sync now" does), waited for until it completes,
 * through an API context signed in as someone who may sync.
 */
export async function syncChatIndex(api: APIRequestContext, db: PrismaClient): Promise<void> {
  const action = { ...findServerAction('lib/actions/chats.ts', 'requestSyncAction'), pagePath: '/chats' };
  for (;;) {
    const answer = await callServerAction(api, action, []);
    const runId = /"runId":"([^"]+)"/.exec(answer.text)?.[1];
    expect(runId, answer.text).toMatch(/^\S+$/);
    await expect.poll(async () => (await db.chatSyncRun.findUniqueOrThrow({ where: { id: runId } })).status, { timeout: 60_000 }).not.toBe('RUNNING');
    // A sync that was already running may have listed the chats before they existed: start another.
    if (answer.text.includes('"started":true')) return;
  }
}

/**
 * Waits until the page has hydrated (its buttons answer clicks): the server renders times in UTC,
 * the browser then as relative times ("2 min ago", "just now").
 */
export async function hydrated(scope: Locator): Promise<void> {
  // A visible one: on a phone the wide table's times are in the page, hidden, before the cards'.
  await expect(
    scope
      .getByText(/ ago$|^just now$/)
      .filter({ visible: true })
      .first(),
  ).toBeVisible();
}

/** Signs an API context in through Auth.js's credentials endpoint. */
export async function signInRequest(api: APIRequestContext, account: Pick<StaffAccount, 'email' | 'password'>): Promise<void> {
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await api.post('/api/auth/callback/credentials', {
    form: { csrfToken, email: account.email, password: account.password, callbackUrl: '/' },
    maxRedirects: 0,
  });
  expect(response.status(), 'credentials sign-in redirects on success').toBe(302);
  expect(response.headers().location).not.toContain('error=');
}

/**
 * A client address of the test's own (198.18.0.0/15, reserved for tests), sent through the one
 * proxy the consoles trust: sign-in throttles and webhook slow-downs are counted per address, and
 * a test's deliberate failures must not count against another test.
 */
function clientAddressOf(testInfo: TestInfo): string {
  let hash = 0;
  for (const char of `${testInfo.testId}:${testInfo.repeatEachIndex}:${testInfo.retry}`) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  return `198.${18 + (hash & 1)}.${(hash >>> 1) & 0xff}.${1 + ((hash >>> 9) % 254)}`;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  consoleUnderTest: [
    { databaseUrl: '', sandboxUrl: '' },
    { option: true, scope: 'worker' },
  ],

  extraHTTPHeaders: async ({ extraHTTPHeaders }, provide, testInfo) => {
    await provide({ ...extraHTTPHeaders, 'X-Forwarded-For': clientAddressOf(testInfo) });
  },

  db: [
    async ({ consoleUnderTest }, provide) => {
      const client = createPrismaClient({ kind: 'postgres', url: consoleUnderTest.databaseUrl });
      await provide(client);
      await client.$disconnect();
    },
    { scope: 'worker' },
  ],

  // One viewer, operator and admin per worker, so parallel tests never share an account.
  staff: [
    async ({ db }, provide, workerInfo) => {
      const passwordHash = await testPasswordHash(STAFF_PASSWORD);
      const accounts = {} as Record<Role, StaffAccount>;
      for (const role of ['ADMIN', 'OPERATOR', 'VIEWER'] as const) {
        const email = `${role.toLowerCase()}-w${workerInfo.workerIndex}@e2e.test`;
        const name = `${role[0]}${role.slice(1).toLowerCase()} W${workerInfo.workerIndex}`;
        const user = await db.user.upsert({
          where: { email },
          create: { email, name, role, passwordHash },
          update: { role, passwordHash, disabled: false },
        });
        accounts[role] = { id: user.id, email, name, password: STAFF_PASSWORD, role };
      }
      await provide(accounts);
    },
    { scope: 'worker' },
  ],

  sandbox: async ({ consoleUnderTest }, provide) => {
    await provide(new SandboxControl(consoleUnderTest.sandboxUrl));
  },

  indexChats: async ({ baseURL, staff, db }, provide) => {
    const api = await playwrightRequest.newContext({ baseURL });
    let signedIn = false;
    await provide(async () => {
      if (!signedIn) await signInRequest(api, staff.ADMIN);
      signedIn = true;
      await syncChatIndex(api, db);
    });
    await api.dispose();
  },

  // Signs in through Auth.js's credentials endpoint (the login form has its own tests).
  signInAs: async ({ staff }, provide) => {
    await provide(async (page, role) => {
      const account = staff[role];
      await signInRequest(page.request, account);
      return account;
    });
  },
});

export { expect };
