import { getEmbeddedPglite } from '@/lib/database/embedded';
import { appliedMigrationNames, applyEmbeddedMigrations, readMigrations } from '@/lib/database/migrations';
import { db } from '@/lib/db';
import { ConfigError, type DatabaseTarget } from '@/lib/env';

/**
 * Makes the schema current before the console serves anything. The embedded database is
 * migrated here; a PostgreSQL server is migrated by `prisma migrate deploy` (npm run
 * db:migrate), so here it is only checked, and a stale schema stops start-up with the fix.
 */
export async function prepareDatabase(target: DatabaseTarget): Promise<string[]> {
  if (target.kind === 'embedded') {
    return applyEmbeddedMigrations(getEmbeddedPglite(target.dataDir));
  }
  let applied: Set<string>;
  try {
    applied = await appliedMigrationNames((sql) => db.$queryRawUnsafe(sql));
  } catch (error) {
    throw new ConfigError(`Cannot reach the PostgreSQL database in DATABASE_URL (${(error as Error).message}).`);
  }
  const pending = readMigrations().filter((migration) => !applied.has(migration.name));
  if (pending.length > 0) {
    throw new ConfigError(
      `The PostgreSQL database lacks ${pending.length} migration(s) (${pending.map((m) => m.name).join(', ')}): run "npm run db:migrate", then start again.`,
    );
  }
  return [];
}
