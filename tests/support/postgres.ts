import { spawnSync } from 'node:child_process';
import pg from 'pg';

/** Where the test suites may create and drop their own throwaway databases. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export async function postgresReachable(adminUrl = POSTGRES_ADMIN_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function adminQuery(sql: string, adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database and returns its URL. Names are generated here, never user input. */
export async function createThrowawayDatabase(prefix: string, adminUrl = POSTGRES_ADMIN_URL): Promise<string> {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(`CREATE DATABASE "${name}"`, adminUrl);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropThrowawayDatabase(databaseUrl: string, adminUrl = POSTGRES_ADMIN_URL): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, adminUrl);
}

/** Migrates a PostgreSQL database the way production does: `prisma migrate deploy`. */
export function migrateDeploy(databaseUrl: string): void {
  const result = spawnSync('npx', ['prisma', 'migrate', 'deploy'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
  }
}
