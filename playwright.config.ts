import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { E2E_ADMIN, EMBEDDED_DB_PASSWORD, METRICS_TOKEN, SHARED_SECRETS } from './tests/e2e/constants';
import type { ConsoleUnderTest } from './tests/e2e/fixtures';

// One console per database: the embedded default always, a PostgreSQL server when the runner
// (tests/support/run-e2e.ts) created a throwaway database for this run. Every test runs against each.
// Set here in the main process, the data folder is inherited by the test workers.
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'console-e2e-'));
const dataRoot = process.env.E2E_DATA_DIR;

interface Server extends ConsoleUnderTest {
  name: string;
  port: number;
  env: Record<string, string>;
}

// The PostgreSQL consoles are two instances of one deployment: one database, one Linq (the first
// one's sandbox), one AUTH_SECRET, and a webhook subscription made outside the console whose signing
// secret both are given (tests/e2e/instances.spec.ts): SHARED_SECRETS.

const servers: Server[] = [
  {
    name: 'embedded',
    port: 3101,
    databaseUrl: `postgresql://postgres:${EMBEDDED_DB_PASSWORD}@127.0.0.1:54331/postgres`,
    sandboxUrl: 'http://127.0.0.1:4101',
    // The tests read the embedded database through its bridge, which a production build serves only when told to.
    env: {
      DATA_DIR: path.join(dataRoot, 'embedded'),
      EMBEDDED_DB_PORT: '54331',
      EMBEDDED_DB_PASSWORD,
      EMBEDDED_DB_ALLOW_IN_PRODUCTION: 'true',
      SANDBOX_PORT: '4101',
    },
  },
];
/** Consoles only reached through another one's tests (the second PostgreSQL instance). */
const extraServers: Array<Omit<Server, 'databaseUrl' | 'sandboxUrl'>> = [];
if (process.env.E2E_POSTGRES_URL) {
  servers.push({
    name: 'postgres',
    port: 3102,
    databaseUrl: process.env.E2E_POSTGRES_URL,
    sandboxUrl: 'http://127.0.0.1:4102',
    secondConsoleUrl: 'http://127.0.0.1:3103',
    webhookSecret: SHARED_SECRETS.LINQ_WEBHOOK_SECRET,
    authSecret: SHARED_SECRETS.AUTH_SECRET,
    env: { DATA_DIR: path.join(dataRoot, 'postgres'), DATABASE_URL: process.env.E2E_POSTGRES_URL, SANDBOX_PORT: '4102', ...SHARED_SECRETS },
  });
  extraServers.push({
    name: 'postgres-second',
    port: 3103,
    env: {
      DATA_DIR: path.join(dataRoot, 'postgres-second'),
      DATABASE_URL: process.env.E2E_POSTGRES_URL,
      LINQ_API_BASE_URL: 'http://127.0.0.1:4102/api/partner',
      ...SHARED_SECRETS,
    },
  });
}

// Debian's Chromium on machines where Playwright cannot download its own; override with CHROMIUM_PATH.
// Its headless shell first: without the full browser's GPU process and services, the suite needs
// about 30% less time on a 2-core machine than with /usr/bin/chromium.
const debianChromium = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((file) => fs.existsSync(file));
const executablePath = process.env.CHROMIUM_PATH ?? debianChromium;

const CONSOLE_WIDE = /(console-wide|single-sign-on)\.spec\.ts/;

function consoleOptions(server: Server) {
  return {
    baseURL: `http://127.0.0.1:${server.port}`,
    consoleUnderTest: {
      databaseUrl: server.databaseUrl,
      sandboxUrl: server.sandboxUrl,
      secondConsoleUrl: server.secondConsoleUrl,
      webhookSecret: server.webhookSecret,
      authSecret: server.authSecret,
    },
  };
}

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Generous: on a 2-core CI machine two consoles, two browsers and bcrypt sign-ins share the CPU,
  // and a page that answers in 300 ms alone can take several seconds there. Speed is measured by
  // the benchmarks, never by these limits.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    // Times are shown in the viewer's zone: the suite reads them in UTC unless a test says otherwise.
    timezoneId: 'UTC',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    ...servers.map((server) => ({
      name: server.name,
      // Two instances of one deployment exist only on PostgreSQL (the embedded database is one process's).
      testIgnore: [CONSOLE_WIDE, ...(server.secondConsoleUrl ? [] : [/instances\.spec\.ts/])],
      use: consoleOptions(server),
    })),
    // Tests that change what every signed-in person meets (who must use a second factor, single
    // sign-on) run alone, once every other test is done, on the embedded console: one worker, so its
    // files never run beside each other either.
    {
      name: 'console-wide',
      testMatch: CONSOLE_WIDE,
      dependencies: servers.map((server) => server.name),
      workers: 1,
      use: consoleOptions(servers[0]!),
    },
  ],
  webServer: [...servers, ...extraServers].map((server) => ({
    // A connection a test's request context left idle a few seconds is not closed under it: Node's
    // 5 s default races the context reusing the socket (ECONNRESET on the next request).
    // Each console's JSON log lines go to a file of their own (scanned after the run, tests/support/log-scan.ts).
    command: `npx next start -p ${server.port} --keepAliveTimeout 65000 >> "${path.join(dataRoot, `${server.name}.log`)}" 2>&1`,
    url: `http://127.0.0.1:${server.port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      ...server.env,
      LOG_FORMAT: 'json',
      METRICS_TOKEN,
      PORT: String(server.port),
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      PUBLIC_BASE_URL: `http://127.0.0.1:${server.port}`,
      // The test runner stands as the one proxy in front of the consoles: each test sends its own
      // client address (X-Forwarded-For, tests/e2e/fixtures.ts), so that no test's failed sign-ins
      // or refused webhooks slow another's down.
      TRUSTED_PROXIES: '1',
    },
  })),
});
