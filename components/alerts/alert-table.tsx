import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/date-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { AlertChannelKind, AlertDeliveryState, AlertEvent } from '@/generated/prisma/enums';

export interface AlertListRow {
  id: string;
  event: AlertEvent;
  title: string;
  detail: string;
  link: string | null;
  createdAt: Date;
  deliveries: Array<{ channel: AlertChannelKind; state: AlertDeliveryState; attempts: number; lastError: string | null }>;
}

const DELIVERY = {
  PENDING: { tone: 'info', label: 'waiting' },
  SENT: { tone: 'success', label: 'sent' },
  FAILED: { tone: 'danger', label: 'not sent' },
} as const;

const CHANNEL = { EMAIL: 'Email', SLACK: 'Slack' } as const;

function Deliveries({ row }: { row: AlertListRow }) {
  if (row.deliveries.length === 0) return <span className="text-xs text-muted-foreground">No channel was on</span>;
  return (
    <ul className="flex flex-col gap-1">
      {row.deliveries.map((delivery) => {
        // A retry is still waiting after a failed attempt: say so, and why.
        const retrying = delivery.state === 'PENDING' && delivery.attempts > 0;
        return (
          <li key={delivery.channel} className="text-xs">
            <Badge tone={retrying ? 'warning' : DELIVERY[delivery.state].tone}>
              {CHANNEL[delivery.channel]}: {retrying ? `retrying (${delivery.attempts} tried)` : DELIVERY[delivery.state].label}
            </Badge>
            {delivery.lastError && delivery.state !== 'SENT' && <span className="mt-0.5 block break-words text-muted-foreground">{delivery.lastError}</span>}
          </li>
        );
      })}
    </ul>
  );
}

/** Alerts, newest first, each with how its channels' deliveries went (History, Settings → Alerts). */
export function AlertTable({ rows, label, empty }: { rows: AlertListRow[]; label: string; empty: string }) {
  if (rows.length === 0) return <p className="p-6 text-sm text-muted-foreground">{empty}</p>;
  return (
    <Table aria-label={label}>
      <TableHeader>
        <TableRow>
          <TableHead>Time</TableHead>
          <TableHead>Alert</TableHead>
          <TableHead>Delivery</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell className="align-top text-xs whitespace-nowrap text-muted-foreground">
              <RelativeTime value={row.createdAt} />
            </TableCell>
            <TableCell className="max-w-[36rem] align-top">
              {row.link ? (
                <Link href={row.link} className="font-medium text-primary underline-offset-2 hover:underline">
                  {row.title}
                </Link>
              ) : (
                <span className="font-medium">{row.title}</span>
              )}
              <span className="mt-0.5 block text-xs break-words text-muted-foreground">{row.detail}</span>
            </TableCell>
            <TableCell className="align-top">
              <Deliveries row={row} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
