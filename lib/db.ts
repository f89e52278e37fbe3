import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '@/generated/prisma/client';
import { getEmbeddedPglite } from '@/lib/database/embedded';
import { appliedMigrationNames, applyEmbeddedMigrations, readMigrations } from '@/lib/database/migrations';
import { ConfigError, getSettings, type DatabaseTarget } from '@/lib/env';

export function createPrismaClient(target: DatabaseTarget): PrismaClient {
  const adapter = target.kind === 'embedded' ? new PrismaPGlite(getEmbeddedPglite(target.dataDir)) : new PrismaPg({ connectionString: target.url });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  globalForPrisma.prisma ??= createPrismaClient(getSettings().database);
  return globalForPrisma.prisma;
}

/**
 * The one Prisma client. It is created on first use, not on import: `next build` imports
 * server modules in worker processes, and opening the embedded database there would lock
 * the data folder the running console needs.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const instance = client();
    const value = Reflect.get(instance, property, instance);
    return typeof value === 'function' ? value.bind(instance) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  const instance = globalForPrisma.prisma;
  globalForPrisma.prisma = undefined;
  await instance?.$disconnect();
}

/** Whether the console can run a query on its database now. */
export async function databaseReachable(): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

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
