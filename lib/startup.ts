import { serveEmbeddedDatabase } from '@/lib/database/bridge';
import { getEmbeddedPglite } from '@/lib/database/embedded';
import { prepareDatabase } from '@/lib/database/prepare';
import { ConfigError, getSettings } from '@/lib/env';
import { ensureFirstAdmin } from '@/lib/staff/first-admin';

/** Everything the console needs before it serves its first request. Throws ConfigError on a bad setting. */
export async function startConsole(): Promise<void> {
  const settings = getSettings();
  const applied = await prepareDatabase(settings.database);
  if (applied.length > 0) console.log(`[console] Applied ${applied.length} migration(s) to the embedded database.`);
  await ensureFirstAdmin(settings);

  if (settings.database.kind === 'embedded' && settings.embeddedDbPort) {
    await serveEmbeddedDatabase(getEmbeddedPglite(settings.database.dataDir), settings.embeddedDbPort);
    console.log(`[console] Embedded database reachable at postgresql://postgres@127.0.0.1:${settings.embeddedDbPort}/postgres`);
  }
}

/** Starts the console; a configuration problem stops the process with one sentence, no stack. */
export async function startConsoleOrExit(): Promise<void> {
  try {
    await startConsole();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n[console] Cannot start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
