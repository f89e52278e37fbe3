'use client';

import { useNow } from '@/components/hooks/use-now';
import { percentDone, RunBar } from '@/components/runs/run-bar';
import { DateTime } from '@/components/ui/date-time';
import { formatCount } from '@/lib/format';
import { describeDuration, runPace } from '@/lib/runs/estimate';
import type { RunView } from '@/lib/runs/view';

/** The bar (done of total) and the figures under it: outcomes so far, speed, time left, Linq's pause. */
export function RunProgress({ run }: { run: RunView }) {
  const now = useNow();
  const percent = percentDone(run.done, run.total);
  const activeMs = run.lastActivityAt ? new Date(run.lastActivityAt).getTime() - new Date(run.createdAt).getTime() : 0;
  const pace = runPace(run.done - run.counts.skipped, run.counts.waiting, activeMs);
  const pausedByLinq = run.pausedUntil && (!now || new Date(run.pausedUntil) > now);
  const { shared, refused, failed, unknown, waiting, skipped } = run.counts;

  return (
    <div className="flex flex-col gap-3">
      <RunBar label="Chats done" done={run.done} total={run.total} />
      <p className="text-sm font-medium">
        {formatCount(run.done)} of {formatCount(run.total)} chats done ({percent}%)
      </p>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-6" aria-label="Outcomes so far">
        {[
          ['Shared', shared],
          ['Refused', refused],
          ['Failed', failed],
          ['Unknown outcome', unknown],
          ['Skipped', skipped],
          ['Waiting', waiting],
        ].map(([label, value]) => (
          <div key={label as string}>
            <dt className="text-muted-foreground">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{formatCount(value as number)}</dd>
          </div>
        ))}
      </dl>
      {run.status === 'RUNNING' && (
        <p className="text-sm text-muted-foreground">
          {pace.perMinute !== null ? `${formatCount(pace.perMinute)} chats a minute` : 'Measuring the speed…'}
          {pace.secondsLeft !== null && waiting > 0 && `, ${describeDuration(pace.secondsLeft)} left`}
        </p>
      )}
      {pausedByLinq && run.status === 'RUNNING' && (
        <p role="status" className="rounded-md border border-warning/40 bg-warning/15 px-3 py-2 text-sm">
          Paused by Linq until <DateTime value={run.pausedUntil!} timeOnly />: Linq asked the console to slow down. It continues by itself then.
        </p>
      )}
    </div>
  );
}
