import Link from 'next/link';
import { SHARE_OUTCOMES } from '@/components/chats/share-outcomes';
import { LaterAttempt } from '@/components/history/later-attempt';
import { SOURCE_LABELS } from '@/components/history/share-sources';
import { Badge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/date-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { ShareHistoryRow } from '@/lib/history/shares';

export function ShareHistoryTable({ rows }: { rows: ShareHistoryRow[] }) {
  if (rows.length === 0) return <p className="p-6 text-sm text-muted-foreground">No share matches these filters.</p>;
  return (
    <Table aria-label="Shares">
      <TableHeader>
        <TableRow>
          <TableHead>Time</TableHead>
          <TableHead>Chat</TableHead>
          <TableHead>Sending number</TableHead>
          <TableHead>Staff member</TableHead>
          <TableHead>Source</TableHead>
          <TableHead>Outcome</TableHead>
          <TableHead>Linq</TableHead>
          <TableHead className="text-right">Latency</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell className="whitespace-nowrap text-xs text-muted-foreground">
              <RelativeTime value={row.createdAt} />
            </TableCell>
            <TableCell className="max-w-64">
              <p className="truncate font-medium">{row.chatLabel}</p>
              {row.chatLabel !== row.participants.join(', ') && <p className="truncate text-xs text-muted-foreground">{row.participants.join(', ')}</p>}
            </TableCell>
            <TableCell className="font-mono text-xs">{row.sendingNumber ?? '—'}</TableCell>
            <TableCell>{row.actorName}</TableCell>
            <TableCell>
              {row.runId ? (
                <Link href={`/runs/${row.runId}`} className="text-primary underline-offset-2 hover:underline">
                  {SOURCE_LABELS[row.source as keyof typeof SOURCE_LABELS] ?? row.source}
                  <span className="sr-only"> (open its run)</span>
                </Link>
              ) : (
                (SOURCE_LABELS[row.source as keyof typeof SOURCE_LABELS] ?? row.source)
              )}
            </TableCell>
            <TableCell>
              <Badge tone={SHARE_OUTCOMES[row.outcome].tone}>{SHARE_OUTCOMES[row.outcome].label}</Badge>
              {row.supersededBy && <LaterAttempt later={row.supersededBy} />}
            </TableCell>
            <TableCell className="max-w-80 text-xs">
              {row.message && <p>{row.message}</p>}
              {(row.linqCode || row.traceId) && (
                <p className="text-muted-foreground">
                  {row.linqCode && (
                    <>
                      Code {row.linqCode}
                      {row.docUrl && (
                        <>
                          {' '}
                          (
                          <a href={row.docUrl} target="_blank" rel="noreferrer" className="text-primary underline underline-offset-2">
                            Linq’s page<span className="sr-only"> about code {row.linqCode}</span>
                          </a>
                          )
                        </>
                      )}
                      .{' '}
                    </>
                  )}
                  {row.traceId && (
                    <>
                      Trace <code>{row.traceId}</code>
                    </>
                  )}
                </p>
              )}
            </TableCell>
            <TableCell className="text-right text-xs text-muted-foreground">{row.latencyMs !== null ? `${row.latencyMs} ms` : '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
