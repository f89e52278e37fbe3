import Link from 'next/link';
import { ApplyAgainButton } from '@/components/settings/apply-again-button';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DateTime } from '@/components/ui/date-time';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { DeliveryLog } from '@/lib/data/webhook-log';
import { maskText } from '@/lib/observability/scrub';
import type { DeliveryLogFilters } from '@/lib/validations/webhook-log';

const STATUS: Record<DeliveryLog['rows'][number]['status'], { label: string; tone: BadgeTone }> = {
  RECEIVED: { label: 'Waiting', tone: 'neutral' },
  APPLIED: { label: 'Applied', tone: 'success' },
  IGNORED: { label: 'Ignored', tone: 'neutral' },
  FAILED: { label: 'Failed', tone: 'danger' },
};

function duration(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1_000 ? `${ms} ms` : ms < 120_000 ? `${(ms / 1_000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}

/** A plain form (no script needed): the address carries the filters. */
export function DeliveryLogFilterForm({ filters, eventTypes }: { filters: DeliveryLogFilters; eventTypes: readonly string[] }) {
  return (
    <form method="get" action="/settings/webhooks" className="flex flex-wrap items-end gap-3" aria-label="Filters">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="log-type">Event</Label>
        <NativeSelect id="log-type" name="type" defaultValue={filters.type ?? ''}>
          <option value="">Every event</option>
          {eventTypes.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="log-status">Outcome</Label>
        <NativeSelect id="log-status" name="status" defaultValue={filters.status ?? ''}>
          <option value="">Every outcome</option>
          {Object.entries(STATUS).map(([value, { label }]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <Button type="submit" variant="outline">
        Filter
      </Button>
    </form>
  );
}

function Subject({ subject }: { subject: DeliveryLog['rows'][number]['subject'] }) {
  if (!subject) return <span className="text-muted-foreground">—</span>;
  if (subject.kind === 'chat') {
    return (
      <Link href={`/chats/${encodeURIComponent(subject.chatId)}`} className="font-mono text-xs text-primary underline-offset-4 hover:underline">
        chat {subject.chatId}
      </Link>
    );
  }
  return <span className="font-mono text-xs">number {maskText(subject.phoneNumber)}</span>;
}

export function DeliveryLogTable({ log }: { log: DeliveryLog }) {
  if (log.rows.length === 0) return <p className="text-sm text-muted-foreground">No delivery matches these filters.</p>;
  return (
    <Table aria-label="Deliveries">
      <TableHeader>
        <TableRow>
          <TableHead>Received</TableHead>
          <TableHead>Event</TableHead>
          <TableHead>About</TableHead>
          <TableHead>Signature</TableHead>
          <TableHead>Outcome</TableHead>
          <TableHead>Waited · applied in</TableHead>
          <TableHead>What it changed</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {log.rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell className="whitespace-nowrap">
              <DateTime value={row.receivedAt} />
            </TableCell>
            <TableCell className="font-mono text-xs">{row.eventType}</TableCell>
            <TableCell>
              <Subject subject={row.subject} />
            </TableCell>
            <TableCell>
              <Badge tone="success">Verified</Badge>
            </TableCell>
            <TableCell>
              <Badge tone={STATUS[row.status].tone}>{STATUS[row.status].label}</Badge>
            </TableCell>
            <TableCell className="whitespace-nowrap tabular-nums">
              {duration(row.waitedMs)} · {duration(row.applyMs)}
            </TableCell>
            <TableCell className="min-w-64 text-sm">
              {row.change ?? row.note ?? (row.status === 'RECEIVED' ? 'Not applied yet.' : '—')}
              <details className="mt-1">
                <summary className="cursor-pointer text-xs text-primary">Payload (numbers masked)</summary>
                <pre className="mt-1 max-h-64 max-w-md overflow-auto rounded bg-muted p-2 text-xs whitespace-pre-wrap break-all">{row.payload}</pre>
              </details>
            </TableCell>
            <TableCell>{row.status === 'FAILED' && <ApplyAgainButton deliveryId={row.id} label={`${row.eventType} of ${row.receivedAt}`} />}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
