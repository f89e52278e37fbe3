import 'server-only';
import { Gauge } from 'prom-client';
import { db } from '@/lib/db';
import { metrics } from '@/lib/observability/metrics';
import { getBoss } from '@/lib/queue/boss';
import { QUEUES } from '@/lib/queue/queues';

// What the database knows, read when Prometheus scrapes (a handful of indexed reads, no table
// scan): the same figures on every instance, since they describe the console as a whole.

function gauges() {
  const registers = [metrics().registry];
  return {
    queueJobs: new Gauge({
      name: 'console_queue_jobs',
      help: 'Jobs in each pg-boss queue, by state (queued: waiting to start, deferred: due later, active: running).',
      labelNames: ['queue', 'state'] as const,
      registers,
    }),
    // Timestamps rather than ages, as Prometheus prefers: `time() - x` is the age, and a 0 (never)
    // makes an age alert fire rather than read as "just now".
    lastSync: new Gauge({
      name: 'console_sync_last_completed_timestamp_seconds',
      help: 'When the last full sync of the chat index completed (Unix seconds; 0: never).',
      registers,
    }),
    syncRunning: new Gauge({ name: 'console_sync_running', help: '1 while a full sync runs.', registers }),
    chatsIndexed: new Gauge({
      name: 'console_chats_indexed',
      help: 'Chats in the index: counted up to 100 000, then as PostgreSQL estimates it (counting a million rows on every scrape would cost more than it tells).',
      registers,
    }),
    runsInProgress: new Gauge({
      name: 'console_runs_in_progress',
      help: 'Bulk and scheduled share runs running or paused.',
      labelNames: ['status'] as const,
      registers,
    }),
    webhooksWaiting: new Gauge({ name: 'console_webhook_deliveries_waiting', help: 'Deliveries received and not applied yet.', registers }),
    webhookOldestWaiting: new Gauge({
      name: 'console_webhook_oldest_waiting_seconds',
      help: 'Age of the oldest delivery not applied yet (0 when none waits).',
      registers,
    }),
    lastWebhook: new Gauge({
      name: 'console_webhook_last_received_timestamp_seconds',
      help: 'When the last webhook delivery was received (Unix seconds; 0: never).',
      registers,
    }),
  };
}

const globalForGauges = globalThis as unknown as { databaseGauges?: ReturnType<typeof gauges> };

/** Sets the database gauges from what the database holds now. */
export async function readDatabaseGauges(now = new Date()): Promise<void> {
  const g = (globalForGauges.databaseGauges ??= gauges());
  const seconds = (since: Date) => Math.max(0, (now.getTime() - since.getTime()) / 1000);

  const [lastSync, syncing, runs, waiting, lastDelivery, estimate] = await Promise.all([
    db.chatSyncRun.findFirst({ where: { status: 'COMPLETED' }, orderBy: { startedAt: 'desc' }, select: { finishedAt: true } }),
    db.chatSyncRun.count({ where: { status: 'RUNNING' } }),
    db.shareRun.groupBy({ by: ['status'], where: { status: { in: ['RUNNING', 'PAUSED'] } }, _count: true }),
    db.webhookDelivery.aggregate({ where: { status: 'RECEIVED' }, _count: true, _min: { receivedAt: true } }),
    db.webhookDelivery.findFirst({ orderBy: { receivedAt: 'desc' }, select: { receivedAt: true } }),
    // Counted exactly while small (the estimate is -1 before the table is first analysed).
    db.$queryRaw<Array<{ rows: number }>>`
      SELECT (CASE WHEN reltuples < 100000 THEN (SELECT count(*) FROM "Chat") ELSE reltuples END)::float8 AS rows
        FROM pg_class WHERE oid = '"Chat"'::regclass`,
  ]);

  const unix = (at: Date | null | undefined) => (at ? at.getTime() / 1000 : 0);
  g.lastSync.set(unix(lastSync?.finishedAt));
  g.syncRunning.set(syncing > 0 ? 1 : 0);
  g.chatsIndexed.set(Number(estimate[0]?.rows ?? 0));
  for (const status of ['RUNNING', 'PAUSED'] as const) g.runsInProgress.set({ status }, runs.find((r) => r.status === status)?._count ?? 0);
  g.webhooksWaiting.set(waiting._count);
  g.webhookOldestWaiting.set(waiting._min.receivedAt ? seconds(waiting._min.receivedAt) : 0);
  g.lastWebhook.set(unix(lastDelivery?.receivedAt));

  const queues = await (await getBoss()).getQueues(Object.keys(QUEUES));
  for (const queue of queues) {
    g.queueJobs.set({ queue: queue.name, state: 'queued' }, queue.queuedCount);
    g.queueJobs.set({ queue: queue.name, state: 'deferred' }, queue.deferredCount);
    g.queueJobs.set({ queue: queue.name, state: 'active' }, queue.activeCount);
  }
}
