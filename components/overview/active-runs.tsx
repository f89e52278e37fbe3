'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { runQuery } from '@/components/runs/run-queries';
import { RunStatusBadge } from '@/components/runs/run-status-badge';
import type { RunView } from '@/lib/runs/view';

const count = (value: number) => value.toLocaleString('en-US');

function ActiveRun({ initial }: { initial: RunView }) {
  const { data: run } = useQuery({ ...runQuery(initial.id), initialData: initial });
  const name = run.source === 'SCHEDULED' ? `Daily re-share${run.scheduleDate ? ` for ${run.scheduleDate}` : ''}` : `Bulk share by ${run.startedBy}`;
  const percent = run.total === 0 ? 100 : Math.floor((run.done / run.total) * 100);
  return (
    <li className="flex flex-col gap-1.5">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <Link href={`/runs/${run.id}`} className="font-medium text-primary underline-offset-2 hover:underline">
          {name}
        </Link>
        <RunStatusBadge status={run.status} />
      </div>
      <div
        role="progressbar"
        aria-label={name}
        aria-valuemin={0}
        aria-valuemax={run.total}
        aria-valuenow={run.done}
        aria-valuetext={`${count(run.done)} of ${count(run.total)} chats done`}
        className="h-2 w-full overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full rounded-full bg-primary transition-[width] duration-500" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs text-muted-foreground">
        {count(run.done)} of {count(run.total)} done: {count(run.counts.shared)} shared, {count(run.counts.failed)} failed
      </p>
    </li>
  );
}

/** Runs in progress or paused, each with its live bar. */
export function ActiveRuns({ runs }: { runs: RunView[] }) {
  if (runs.length === 0) return <p className="text-sm text-muted-foreground">No bulk share or daily re-share is running.</p>;
  return (
    <ul className="flex flex-col gap-4">
      {runs.map((run) => (
        <ActiveRun key={run.id} initial={run} />
      ))}
    </ul>
  );
}
