import 'server-only';
import { reviveAlerts } from '@/lib/alerts/send';
import { pruneTimeline, reviveAutoShares } from '@/lib/auto/upkeep';
import { alertCardsNotApplied } from '@/lib/cards/not-applied';
import { foldChatCounts } from '@/lib/chats/count-cells';
import { startOrReviveSync } from '@/lib/chats/sync/upkeep';
import { getSettings } from '@/lib/env';
import { pruneShareEvents } from '@/lib/history/retention';
import { foldShareTallies } from '@/lib/history/share-tallies';
import { markInterruptedJobRuns, pruneJobRuns } from '@/lib/jobs/record';
import { getBackgroundLinq, type LinqGateway } from '@/lib/linq';
import { pruneLiveEvents } from '@/lib/live/store';
import { runDueSchedules } from '@/lib/runs/schedule-tick';
import { reviveStalledRuns } from '@/lib/runs/upkeep';
import { pruneDeliveries, reviveWaitingDeliveries, watchDeliverySilence } from '@/lib/webhooks/upkeep';

/** Daily re-shares that are due. */
async function scheduleShares(now: Date): Promise<string | undefined> {
  const made = await runDueSchedules(now);
  return made.length > 0 ? made.join('; ') : undefined;
}

/** Job runs cut off by a kill: recorded as interrupted. */
async function closeInterruptedJobs(now: Date): Promise<string | undefined> {
  const closed = await markInterruptedJobRuns(now);
  return closed > 0 ? `${closed} interrupted job runs recorded` : undefined;
}

/** The chat counts' and share tallies' latest changes, folded (said only when they were counted again). */
async function foldCounts(now: Date): Promise<string | undefined> {
  // One after the other: each is a transaction, and the embedded database has one connection.
  const outcome = await foldChatCounts(now, getSettings().shareCooldownMs);
  await foldShareTallies(now);
  return outcome?.rebuilt ? 'chat counts counted again from the chats (the cooldown grew)' : undefined;
}

/** Once an hour: records kept long enough are removed. */
async function prune(now: Date): Promise<string | undefined> {
  if (now.getUTCMinutes() !== 0) return undefined;
  const [deliveries, jobs, events, turns, shares] = await Promise.all([
    pruneDeliveries(now),
    pruneJobRuns(now),
    pruneLiveEvents(now),
    pruneTimeline(now),
    pruneShareEvents(now, getSettings().shareHistoryMonths),
  ]);
  return deliveries + jobs + events + turns + shares > 0
    ? `pruned ${deliveries} deliveries, ${jobs} job runs, ${events} live events, ${turns} timeline turns, ${shares} share events`
    : undefined;
}

/** Every minute, on one instance: what is due. The work is the domains'; this only calls it, in turn. */
export async function runTick(now = new Date(), linq: LinqGateway = getBackgroundLinq()): Promise<string | undefined> {
  const done = [
    await foldCounts(now),
    await startOrReviveSync(now),
    await reviveWaitingDeliveries(now),
    await scheduleShares(now),
    await reviveStalledRuns(now),
    await reviveAutoShares(now),
    await closeInterruptedJobs(now),
    await watchDeliverySilence(now),
    await alertCardsNotApplied(now, linq),
    await reviveAlerts(now),
    await prune(now),
  ].filter(Boolean);
  return done.length > 0 ? `${done.join('; ')}.` : undefined;
}
