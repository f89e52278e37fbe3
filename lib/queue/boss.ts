import 'server-only';
import { fromPglite, PgBoss } from 'pg-boss';
import { getEmbeddedPglite } from '@/lib/database/embedded';
import { getSettings, type DatabaseTarget } from '@/lib/env';
import { logger } from '@/lib/observability/log';
import { QUEUES } from '@/lib/queue/queues';

// The job queue is pg-boss in the console's own database: on PostgreSQL its own connection pool in
// the `pgboss` schema; on the embedded database its official PGlite backend over the console's one
// PGlite instance. Jobs live in the database, so they survive restarts, and several instances on one
// PostgreSQL share them (each job is claimed by one instance with SKIP LOCKED).

const globalForBoss = globalThis as unknown as { boss?: Promise<PgBoss> };

function createBoss(target: DatabaseTarget, workers: boolean): PgBoss {
  const common = {
    // An instance that only serves pages (BACKGROUND_JOBS=off) sends jobs but leaves the
    // supervision of claims and the cron schedules to the instances that run them.
    supervise: workers,
    schedule: workers,
    // Jobs whose heartbeat stopped (a crashed instance) are found and retried within about this many
    // seconds: supervision passes, and the per-queue monitor that fails expired claims.
    superviseIntervalSeconds: 15,
    monitorIntervalSeconds: 15,
    // The embedded database is one WASM session shared with every page view: keep pg-boss's own
    // housekeeping infrequent there.
    maintenanceIntervalSeconds: target.kind === 'embedded' ? 600 : 120,
    cronWorkerIntervalSeconds: 15,
  };
  const boss =
    target.kind === 'embedded'
      ? new PgBoss({ ...common, backend: 'pglite', db: fromPglite(getEmbeddedPglite(target.dataDir)) })
      : new PgBoss({ ...common, connectionString: target.url, schema: 'pgboss', max: 4, application_name: 'console-jobs' });
  boss.on('error', (error) => logger('jobs').error({ err: error }, 'job runner error'));
  return boss;
}

async function startBoss(target: DatabaseTarget, workers: boolean): Promise<PgBoss> {
  const boss = createBoss(target, workers);
  await boss.start();
  for (const [name, options] of Object.entries(QUEUES)) {
    const existing = await boss.getQueue(name);
    if (!existing) await boss.createQueue(name, options);
    else await boss.updateQueue(name, withoutCreateOnly(options));
  }
  return boss;
}

/** pg-boss refuses to change a queue's policy after creation; everything else follows the code. */
function withoutCreateOnly({ policy: _policy, ...options }: (typeof QUEUES)[keyof typeof QUEUES]) {
  return options;
}

/**
 * The started queue, shared by everything in the process (pages send jobs, workers run them).
 * Started on first use; pg-boss installs or migrates its own schema the first time.
 */
export function getBoss(): Promise<PgBoss> {
  const settings = getSettings();
  globalForBoss.boss ??= startBoss(settings.database, settings.backgroundJobs).catch((error: unknown) => {
    globalForBoss.boss = undefined;
    throw error;
  });
  return globalForBoss.boss;
}

/**
 * Stops the queue: workers stop taking jobs, running handlers get `grace` ms to finish. Sends made
 * meanwhile (a handler handing its work back) still go through this instance's connection.
 */
export async function stopBoss(graceMs = 20_000): Promise<void> {
  const pending = globalForBoss.boss;
  const boss = await pending?.catch(() => undefined);
  try {
    await boss?.stop({ graceful: true, timeout: graceMs, close: true });
  } finally {
    if (globalForBoss.boss === pending) globalForBoss.boss = undefined;
  }
}
