import 'server-only';
import { appliedMigrationNames, readMigrations } from '@/lib/database/migrations';
import { databaseReachable, db } from '@/lib/db';
import { jobRunnerState } from '@/lib/jobs/workers';
import { isStopping } from '@/lib/queue/stopping';

export interface ReadinessPart {
  ok: boolean;
  /** What a person reads: "reachable", "3 migrations not applied: …", "started". */
  detail: string;
}

export interface Readiness {
  ready: boolean;
  parts: { database: ReadinessPart; migrations: ReadinessPart; jobs: ReadinessPart; stopping: ReadinessPart };
}

/** Pure: the migrations the code expects that the database has not recorded as applied. */
export function missingMigrations(expected: string[], applied: Set<string>): string[] {
  return expected.filter((name) => !applied.has(name));
}

async function migrationsPart(): Promise<ReadinessPart> {
  const applied = await appliedMigrationNames((sql) => db.$queryRawUnsafe<Array<{ migration_name: string }>>(sql));
  const missing = missingMigrations(
    readMigrations().map((m) => m.name),
    applied,
  );
  return missing.length === 0
    ? { ok: true, detail: `all ${applied.size} applied` }
    : { ok: false, detail: `${missing.length} not applied: ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''} (run npm run db:migrate)` };
}

/**
 * Whether this instance can serve: its database answers, holds every migration the code expects,
 * its job runner has started (when it runs jobs), and it is not stopping. A stopping instance is
 * not ready from its first moment, so a load balancer stops sending to it before it goes.
 */
export async function checkReadiness(): Promise<Readiness> {
  const reachable = await databaseReachable();
  const database = { ok: reachable, detail: reachable ? 'reachable' : 'not reachable' };
  const migrations = reachable
    ? await migrationsPart().catch(() => ({ ok: false, detail: 'could not be read' }))
    : { ok: false, detail: 'not checked: no database' };
  const state = jobRunnerState();
  const jobs = { ok: state !== 'starting', detail: state === 'off' ? 'off on this instance (BACKGROUND_JOBS=off)' : state };
  const stopping = isStopping() ? { ok: false, detail: 'stopping' } : { ok: true, detail: 'no' };
  const parts = { database, migrations, jobs, stopping };
  return { ready: Object.values(parts).every((part) => part.ok), parts };
}
