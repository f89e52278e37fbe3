import path from 'node:path';
import { resolveAuthSecret } from '@/lib/auth/secret';
import { serveEmbeddedDatabase } from '@/lib/database/bridge';
import { getEmbeddedPglite } from '@/lib/database/embedded';
import { prepareDatabase } from '@/lib/db';
import { ConfigError, getSettings, type Settings } from '@/lib/env';
import { startBackgroundJobs } from '@/lib/jobs/workers';
import { logger } from '@/lib/observability/log';
import { startSandbox } from '@/lib/sandbox/server';
import { generatedSecret } from '@/lib/server/generated-secret';
import { ensureFirstAdmin } from '@/lib/staff/first-admin';

const log = logger('console');

/** Everything the console needs before it serves its first request. Throws ConfigError on a bad setting. */
export async function startConsole(): Promise<void> {
  const settings = getSettings();
  resolveAuthSecret(settings); // generated now when unset, not on the first sign-in
  const applied = await prepareDatabase(settings.database);
  if (applied.length > 0) log.info({ migrations: applied.length }, `applied ${applied.length} migration(s) to the embedded database`);
  await ensureFirstAdmin(settings);

  await startLocalSandbox(settings);

  if (settings.database.kind === 'embedded' && settings.embeddedDbPort) {
    const password = settings.embeddedDbPassword ?? generatedSecret(settings.dataDir, 'embedded-db-password');
    await serveEmbeddedDatabase(getEmbeddedPglite(settings.database.dataDir), { port: settings.embeddedDbPort, password });
    const where = settings.embeddedDbPassword ? 'EMBEDDED_DB_PASSWORD' : path.join(settings.dataDir, 'embedded-db-password');
    log.info(`embedded database reachable at postgresql://postgres@127.0.0.1:${settings.embeddedDbPort}/postgres (password in ${where})`);
  }

  // The chat sync, webhooks and schedules (none on an instance with BACKGROUND_JOBS=off).
  await startBackgroundJobs();
}

/** In sandbox mode, the console runs its own fake Linq, whose state lives in the data folder. */
async function startLocalSandbox(settings: Settings): Promise<void> {
  const { linq } = settings;
  if (linq.mode !== 'sandbox' || !linq.startLocal) return;
  try {
    await startSandbox({
      port: settings.sandboxPort,
      apiKey: linq.apiKey,
      chatCount: settings.sandboxChats,
      stateFile: path.join(settings.dataDir, 'sandbox', 'state.json'),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ConfigError(`SANDBOX_PORT ${settings.sandboxPort} is already in use: stop the other process or choose another SANDBOX_PORT.`);
    }
    throw error;
  }
  log.info(`sandbox mode: Linq calls go to the local sandbox at ${linq.baseUrl} (set LINQ_API_KEY for the real API)`);
}

/** Starts the console; a configuration problem stops the process with one sentence, no stack. */
export async function startConsoleOrExit(): Promise<void> {
  try {
    await startConsole();
  } catch (error) {
    if (error instanceof ConfigError) {
      log.fatal(`cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
