import Link from 'next/link';
import { RunStatusBadge } from '@/components/runs/run-status-badge';
import { RelativeTime } from '@/components/ui/date-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatCount } from '@/lib/format';
import type { RunRow } from '@/lib/history/audit';
import { listedPhase } from '@/lib/runs/phase';

export function RunHistoryTable({ rows }: { rows: RunRow[] }) {
  const now = new Date();
  if (rows.length === 0) return <p className="p-6 text-sm text-muted-foreground">No bulk share or daily re-share has run in this period.</p>;
  return (
    <Table aria-label="Runs">
      <TableHeader>
        <TableRow>
          <TableHead>Started</TableHead>
          <TableHead>Run</TableHead>
          <TableHead>Started by</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="text-right">Done</TableHead>
          <TableHead className="text-right">Shared</TableHead>
          <TableHead className="text-right">Refused</TableHead>
          <TableHead className="text-right">Failed</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((run) => {
          const done = run.shared + run.refused + run.failed + run.unknown + run.skipped;
          return (
            <TableRow key={run.id}>
              <TableCell className="whitespace-nowrap text-xs text-muted-foreground">
                <RelativeTime value={run.createdAt} />
              </TableCell>
              <TableCell>
                <Link href={`/runs/${run.id}`} className="font-medium text-primary underline-offset-2 hover:underline">
                  {run.source === 'SCHEDULED' ? `Daily re-share of ${run.schedulePhone}` : 'Bulk share'}
                  {run.scheduleDate && `, ${run.scheduleDate}`}
                </Link>
              </TableCell>
              <TableCell>{run.source === 'SCHEDULED' ? `The daily re-share, set up by ${run.createdBy.name}` : run.createdBy.name}</TableCell>
              <TableCell>
                <RunStatusBadge phase={listedPhase({ ...run, owner: run.createdBy.name }, now)} />
              </TableCell>
              <TableCell className="text-right tabular-nums">
                {formatCount(done)} of {formatCount(run.total)}
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatCount(run.shared)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatCount(run.refused)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatCount(run.failed)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
