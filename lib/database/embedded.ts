import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

// PGlite is one in-process PostgreSQL session over a data folder that only one instance may
// open. Next.js can load this module from several bundles (instrumentation, routes), so the
// instance lives on globalThis: every caller in the process shares the same one.
const globalForPglite = globalThis as unknown as { embeddedPglite?: { dataDir: string; db: PGlite } };

export function getEmbeddedPglite(dataDir: string): PGlite {
  const current = globalForPglite.embeddedPglite;
  if (current) {
    if (current.dataDir !== dataDir) {
      throw new Error(`The embedded database is already open at ${current.dataDir}; cannot also open ${dataDir}.`);
    }
    return current.db;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  // pg_trgm serves the chat index's search by any part of a name or handle.
  const db = new PGlite(dataDir, { extensions: { pg_trgm } });
  globalForPglite.embeddedPglite = { dataDir, db };
  return db;
}

/** Closes the embedded database so a script's process can exit and another may open the folder. */
export async function closeEmbeddedPglite(): Promise<void> {
  const current = globalForPglite.embeddedPglite;
  globalForPglite.embeddedPglite = undefined;
  if (current && !current.db.closed) await current.db.close();
}
