import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

export interface Migration {
  name: string;
  sql: string;
  /** SHA-256 of the file, as `prisma migrate` records it. */
  checksum: string;
}

export const MIGRATIONS_DIR = path.join(process.cwd(), 'prisma', 'migrations');

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  // Read at run time from the project folder (not bundled), hence the tracing opt-outs.
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(/*turbopackIgnore: true*/ path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

// The same table `prisma migrate deploy` creates, so `prisma migrate status` reads it the same way.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Names of migrations already applied, or an empty list when the database has never been migrated. */
export async function appliedMigrationNames(query: (sql: string) => Promise<Array<{ migration_name: string }>>): Promise<Set<string>> {
  try {
    const rows = await query(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
    return new Set(rows.map((row) => row.migration_name));
  } catch (error) {
    if (/_prisma_migrations.*does not exist/.test(String(error))) return new Set();
    throw error;
  }
}

/**
 * Applies pending migrations to the embedded database, each in its own transaction, and records
 * them in `_prisma_migrations` as Prisma does. Returns the names applied (none on a second start).
 */
export async function applyEmbeddedMigrations(pglite: PGlite, migrations = readMigrations()): Promise<string[]> {
  await pglite.exec(CREATE_MIGRATIONS_TABLE);
  const applied = await appliedMigrationNames(async (sql) => (await pglite.query<{ migration_name: string }>(sql)).rows);
  const pending = migrations.filter((migration) => !applied.has(migration.name));
  for (const migration of pending) {
    await pglite.transaction(async (tx) => {
      const startedAt = new Date();
      await tx.exec(migration.sql);
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, $4, now(), 1)`,
        [randomUUID(), migration.checksum, migration.name, startedAt],
      );
    });
  }
  return pending.map((migration) => migration.name);
}
