import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { PrismaClient } from '@/generated/prisma/client';
import { SANDBOX_API_KEY } from '@/lib/env';
import type { LinqGateway } from '@/lib/linq';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '@/lib/sandbox/server';
import { createThrowawayDatabase, dropThrowawayDatabase, migrateDeploy } from './postgres';

export interface ConsoleHarness {
  sandbox: RunningSandbox;
  db: PrismaClient;
  /** The console's own gateway (as getLinq() builds it), pointed at the sandbox. */
  linq: LinqGateway;
  /** The background jobs' gateway: reads not retried, so a 429 reaches the job. */
  backgroundLinq: LinqGateway;
  /** Calls the sandbox's control API. */
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Requests the sandbox received at paths containing `fragment`. */
  requests(fragment: string, method?: string): RunningSandbox['store']['requestLog'];
  databaseUrl: string | undefined;
}

/**
 * The console's server-side modules over a real database (embedded PGlite in a temporary folder,
 * or a throwaway PostgreSQL database when `postgresAdminUrl` is given) and a local Linq sandbox,
 * for one test file. Modules are imported after the environment is set, as the console does.
 */
export function startTestConsole(options: { postgresAdminUrl?: string; sandbox?: Partial<SandboxOptions>; backgroundJobs?: boolean } = {}): ConsoleHarness {
  const harness = {} as ConsoleHarness;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-test-'));

  beforeAll(async () => {
    harness.sandbox = await startSandbox({ apiKey: SANDBOX_API_KEY, chatCount: 0, ...options.sandbox });
    // Workers start only when a test calls startBackgroundJobs() itself.
    Object.assign(process.env, { DATA_DIR: dataDir, LINQ_API_BASE_URL: harness.sandbox.baseUrl, BACKGROUND_JOBS: options.backgroundJobs ? 'on' : 'off' });
    delete process.env.DATABASE_URL;
    if (options.postgresAdminUrl) {
      harness.databaseUrl = await createThrowawayDatabase('console_it', options.postgresAdminUrl);
      migrateDeploy(harness.databaseUrl);
      process.env.DATABASE_URL = harness.databaseUrl;
    }
    const { prepareDatabase } = await import('@/lib/db');
    const { getSettings } = await import('@/lib/env');
    await prepareDatabase(getSettings().database);
    ({ db: harness.db } = await import('@/lib/db'));
    const { getLinq, getBackgroundLinq } = await import('@/lib/linq');
    harness.linq = getLinq();
    harness.backgroundLinq = getBackgroundLinq();
    harness.control = async <T>(method: string, route: string, body?: unknown) => {
      const response = await fetch(`${harness.sandbox.origin}${route}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    harness.requests = (fragment, method) => harness.sandbox.store.requestLog.filter((r) => r.path.includes(fragment) && (!method || r.method === method));
  });

  afterAll(async () => {
    const { stopBoss } = await import('@/lib/queue/boss');
    await stopBoss(1_000);
    const { stopLiveHub } = await import('@/lib/live/hub');
    await stopLiveHub();
    const { disconnectDb } = await import('@/lib/db');
    await disconnectDb();
    const { closeEmbeddedPglite } = await import('@/lib/database/embedded');
    await closeEmbeddedPglite();
    await harness.sandbox?.close();
    if (harness.databaseUrl) await dropThrowawayDatabase(harness.databaseUrl, options.postgresAdminUrl);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  return harness;
}
