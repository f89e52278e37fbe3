import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '@/generated/prisma/client';
import { getEmbeddedPglite } from '@/lib/database/embedded';
import { getSettings, type DatabaseTarget } from '@/lib/env';

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
