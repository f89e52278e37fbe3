// `npm run test:e2e [-- playwright args]`: builds the console, creates a throwaway PostgreSQL
// database (when a server is reachable) so every test also runs against PostgreSQL, runs
// Playwright, and drops the database afterwards, whatever the outcome.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { E2E_SECRETS } from '../e2e/constants';
import { scanLogs } from './log-scan';
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

// The consoles' data folders and their logs (playwright.config.ts), scanned once the tests end.
const dataRoot = (process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'console-e2e-')));

let status = 1;
try {
  status = run('npx', ['playwright', 'test', ...process.argv.slice(2)], { ...process.env, E2E_POSTGRES_URL: postgresUrl ?? '' });
} finally {
  if (postgresUrl) await dropThrowawayDatabase(postgresUrl);
}

const scan = scanLogs(dataRoot, E2E_SECRETS);
console.log(
  `Log scan: ${scan.lines} lines from ${scan.files} consoles (${dataRoot}), ${scan.needles} secrets, customer numbers and message texts looked for: ${scan.findings.length} found.`,
);
for (const finding of scan.findings.slice(0, 20)) console.error(`  ${finding}`);
if (scan.findings.length > 0 || scan.files === 0) status ||= 1;
process.exit(status);
