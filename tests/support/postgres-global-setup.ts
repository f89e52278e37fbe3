import type { TestProject } from 'vitest/node';
import { POSTGRES_ADMIN_URL, postgresReachable } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of a reachable PostgreSQL server, or '' when there is none (then those tests do not run). */
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  if (await postgresReachable()) {
    project.provide('postgresAdminUrl', POSTGRES_ADMIN_URL);
    return;
  }
  if (process.env.CI) {
    throw new Error(`PostgreSQL is required in CI but not reachable at ${POSTGRES_ADMIN_URL} (set TEST_POSTGRES_URL).`);
  }
  console.warn(`\nPostgreSQL is not reachable at ${POSTGRES_ADMIN_URL}: its tests are left out of this run.\n`);
  project.provide('postgresAdminUrl', '');
}
