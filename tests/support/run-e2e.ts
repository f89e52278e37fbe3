// `npm run test:e2e [-- playwright args]`: builds the console, creates a throwaway PostgreSQL
// database (when a server is reachable) so every test also runs against PostgreSQL, runs
// Playwright, and drops the database afterwards, whatever the outcome.
import { spawnSync } from 'node:child_process';
import { createThrowawayDatabase, dropThrowawayDatabase, migrateDeploy, POSTGRES_ADMIN_URL, postgresReachable } from './postgres';

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  return spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1;
}

if (!process.env.E2E_SKIP_BUILD && run('npx', ['next', 'build']) !== 0) process.exit(1);

let postgresUrl: string | undefined;
if (await postgresReachable()) {
  postgresUrl = await createThrowawayDatabase('console_e2e');
  migrateDeploy(postgresUrl);
} else if (process.env.CI) {
  console.error(`PostgreSQL is required in CI but not reachable at ${POSTGRES_ADMIN_URL} (set TEST_POSTGRES_URL).`);
  process.exit(1);
} else {
  console.warn(`PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL}: end-to-end tests run against the embedded database only.`);
}

let status = 1;
try {
  status = run('npx', ['playwright', 'test', ...process.argv.slice(2)], { ...process.env, E2E_POSTGRES_URL: postgresUrl ?? '' });
} finally {
  if (postgresUrl) await dropThrowawayDatabase(postgresUrl);
}
process.exit(status);
