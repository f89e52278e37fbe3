'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { RunBar } from '@/components/runs/run-bar';
import { runQuery } from '@/components/runs/run-queries';
import { RunStatusBadge } from '@/components/runs/run-status-badge';
import { formatCount } from '@/lib/format';
import { runTitle } from '@/lib/runs/phase';
import type { RunView } from '@/lib/runs/view';

function ActiveRun({ initial }: { initial: RunView }) {
  const { data: run } = useQuery({ ...runQuery(initial.id), initialData: initial });
  const name = runTitle(run, run.owner.name);
  return (
    <li className="flex flex-col gap-1.5">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <Link href={`/runs/${run.id}`} className="font-medium text-primary underline-offset-2 hover:underline">
          {name}
        </Link>
        <RunStatusBadge phase={run.phase.kind} />
      </div>
      <RunBar label={name} done={run.done} total={run.total} className="h-2" />
      <p className="text-xs text-muted-foreground">
        {formatCount(run.done)} of {formatCount(run.total)} done: {formatCount(run.counts.shared)} shared, {formatCount(run.counts.failed)} failed
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
