'use client';

import { percentDone, RunBar } from '@/components/runs/run-bar';
import { DateTime } from '@/components/ui/date-time';
import { formatCount } from '@/lib/format';
import { describeDuration, runPace } from '@/lib/runs/estimate';
import { reasonLabel } from '@/lib/runs/outcome';
import { isMoving, type RunPhase } from '@/lib/runs/phase';
import type { RunView } from '@/lib/runs/view';

/** What the run is doing now, in one sentence: why it cannot move, or how fast it moves. */
function PhaseLine({ phase, run }: { phase: RunPhase; run: RunView }) {
  const note = 'rounded-md border border-warning/40 bg-warning/15 px-3 py-2 text-sm';
  switch (phase.kind) {
    case 'paused_by_linq':
      return (
        <p role="status" className={note}>
          Paused by Linq until <DateTime value={phase.until} timeOnly />: Linq asked the console to slow down. It continues by itself then.
        </p>
      );
    case 'retrying':
      return (
        <p role="status" className={note}>
          {formatCount(phase.chats)} {phase.chats === 1 ? 'chat' : 'chats'} retrying at <DateTime value={phase.at} timeOnly />
          {phase.reason && <> after {reasonLabel(phase.reason)}</>}. Nothing else is left to share meanwhile.
        </p>
      );
    case 'paused_for_owner':
      return (
        <p role="status" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
          Paused: {phase.owner}, in whose name it shares, was disabled or can no longer share. Nothing more is shared until an admin takes it over and resumes
          it.
        </p>
      );
    case 'paused_by_staff':
      return <p className="text-sm text-muted-foreground">Paused by staff: nothing more is shared until someone resumes it.</p>;
    case 'running': {
      const activeMs = run.lastActivityAt ? new Date(run.lastActivityAt).getTime() - new Date(run.createdAt).getTime() : 0;
      const pace = runPace(run.done - run.counts.skipped, run.counts.waiting, activeMs);
      return (
        <p className="text-sm text-muted-foreground">
          {pace.perMinute !== null ? `${formatCount(pace.perMinute)} chats a minute` : 'Measuring the speed…'}
          {isMoving(phase) && pace.secondsLeft !== null && run.counts.waiting > 0 && `, ${describeDuration(pace.secondsLeft)} left`}
        </p>
      );
    }
    default:
      return null;
  }
}

/** The bar (done of total), the figures under it (its chats' outcomes so far), and what it is doing now. */
export function RunProgress({ run }: { run: RunView }) {
  const percent = percentDone(run.done, run.total);
  const { shared, refused, failed, unknown, waiting, skipped } = run.counts;

  return (
    <div className="flex flex-col gap-3">
      <RunBar label="Chats done" done={run.done} total={run.total} />
      <p className="text-sm font-medium">
        {formatCount(run.done)} of {formatCount(run.total)} chats done ({percent}%)
      </p>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-6" aria-label="Chats so far, by outcome">
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
      <PhaseLine phase={run.phase} run={run} />
    </div>
  );
}
