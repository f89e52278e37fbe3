import 'server-only';
import { db } from '@/lib/db';
import { isLiveTopic, type LiveEvent } from '@/lib/live/topics';

/** Events are kept this long for streams that reconnect (an instance restarted, a laptop woke up). */
export const LIVE_EVENTS_KEPT_MS = 60 * 60_000;
/** More missed events than this and the stream asks the page to read everything again instead. */
export const REPLAY_LIMIT = 500;

/**
 * The events after `seq`, oldest first, or null when they cannot all be replayed (too many, or
 * older ones already pruned): the page must then read everything again.
 */
export async function liveEventsSince(seq: number): Promise<LiveEvent[] | null> {
  const [rows, oldest] = await Promise.all([
    db.liveEvent.findMany({ where: { seq: { gt: seq } }, orderBy: { seq: 'asc' }, take: REPLAY_LIMIT + 1 }),
    db.liveEvent.findFirst({ orderBy: { seq: 'asc' }, select: { seq: true } }),
  ]);
  if (rows.length > REPLAY_LIMIT) return null;
  // Events after `seq` may have been pruned (or rolled back: numbers can skip). Either way the
  // page reads afresh, which is always right, only slower.
  if (oldest && seq < Number(oldest.seq) - 1) return null;
  return rows.flatMap((row) => (isLiveTopic(row.topic) ? [{ seq: Number(row.seq), topic: row.topic, ids: row.ids }] : []));
}

/** The latest event's number (0 before the first): where a stream without Last-Event-ID starts. */
export async function latestLiveSeq(): Promise<number> {
  const latest = await db.liveEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true } });
  return latest ? Number(latest.seq) : 0;
}

/** Forgets events older than the replay window (the tick's upkeep). */
export async function pruneLiveEvents(now = new Date()): Promise<number> {
  const { count } = await db.liveEvent.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - LIVE_EVENTS_KEPT_MS) } } });
  return count;
}

/** The announcements that bracket a read: none came between `from` and `to` when they are equal. */
export interface LiveWindow {
  from: number;
  to: number;
}

/**
 * Runs a read between two looks at the latest announcement. When nothing was announced from the
 * first look of the earliest read to the last look of the latest (every `from` and `to` equal),
 * the reads saw the same state of everything announced: the browser puts them on screen together
 * only then (components/live/refresh-queries.ts).
 */
export async function readBetweenEvents<T extends object>(read: () => Promise<T>): Promise<T & { liveWindow: LiveWindow }> {
  const from = await latestLiveSeq();
  const value = await read();
  return { ...value, liveWindow: { from, to: await latestLiveSeq() } };
}
