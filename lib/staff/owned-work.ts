// What disabling or demoting someone does to the work running in their name. Pure: the admin's
// confirmation says it before it happens.
import { formatCount } from '@/lib/format';
import type { OwnedWorkCounts } from '@/lib/runs/owner';

const plural = (count: number, one: string, many: string) => `${formatCount(count)} ${count === 1 ? one : many}`;

/**
 * "Casey has 1 run in progress and 2 daily re-shares: they will be paused until an admin takes them
 * over." (and automatic shares, which someone who can share takes over by saving them). Null when
 * there is none.
 */
export function describeOwnedWorkPause(name: string, work: OwnedWorkCounts): string | null {
  const parts = [
    work.runs > 0 && plural(work.runs, 'run in progress', 'runs in progress'),
    work.schedules > 0 && plural(work.schedules, 'daily re-share', 'daily re-shares'),
    work.automatic > 0 && plural(work.automatic, 'automatic share', 'automatic shares'),
  ].filter(Boolean);
  if (parts.length === 0) return null;
  const them = work.runs + work.schedules + work.automatic === 1 ? 'it' : 'they';
  return `${name} has ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]}: ${them} will be paused until an admin takes ${them === 'it' ? 'it' : 'them'} over.`;
}
