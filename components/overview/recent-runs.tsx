import Link from 'next/link';
import { RunStatusBadge } from '@/components/runs/run-status-badge';
import { RelativeTime } from '@/components/ui/date-time';
import { formatCount } from '@/lib/format';
import type { RunRow } from '@/lib/history/audit';
import { listedPhase, runTitle } from '@/lib/runs/phase';

/** The latest runs, each with its state and outcome, in a column narrow enough for the Overview's side. */
export function RecentRuns({ runs }: { runs: RunRow[] }) {
  const now = new Date();
  if (runs.length === 0) return <p className="text-sm text-muted-foreground">No bulk share or daily re-share has run yet.</p>;
  return (
    <ul className="flex flex-col divide-y" aria-label="Recent runs">
      {runs.map((run) => (
        <li key={run.id} className="flex flex-col gap-1 py-2 text-sm first:pt-0 last:pb-0">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <Link href={`/runs/${run.id}`} className="font-medium text-primary underline-offset-2 hover:underline">
              {runTitle(run, run.createdBy.name)}
            </Link>
            <RunStatusBadge phase={listedPhase({ ...run, owner: run.createdBy.name }, now)} />
          </div>
          <p className="text-xs text-muted-foreground">
            <RelativeTime value={run.createdAt} />: {formatCount(run.shared)} shared, {formatCount(run.failed)} failed, {formatCount(run.skipped)} skipped of{' '}
            {formatCount(run.total)}
          </p>
        </li>
      ))}
    </ul>
  );
}
