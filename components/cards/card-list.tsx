import Link from 'next/link';
import { CardAvatar } from '@/components/cards/card-avatar';
import { CardStatusBadge } from '@/components/cards/card-status-badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { CardRow } from '@/lib/cards/rows';

export function CardList({ rows, canEdit }: { rows: CardRow[]; canEdit: boolean }) {
  if (rows.length === 0) {
    return <p className="rounded-lg border bg-card p-6 text-sm text-muted-foreground">Linq lists no sending numbers on this account yet.</p>;
  }
  return (
    <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" aria-label="Sending numbers">
      {rows.map(({ phoneNumber, card, status }) => (
        <li key={phoneNumber}>
          <Card className="flex h-full items-center gap-4 p-4" aria-label={phoneNumber}>
            <CardAvatar
              firstName={card?.firstName ?? ''}
              lastName={card?.lastName ?? ''}
              photo={card?.imageUrl ? { src: card.imageUrl } : null}
              className="size-14 text-[56px]"
            />
            <div className="flex min-w-0 flex-1 flex-col gap-1">
              <p className="font-mono text-sm">{phoneNumber}</p>
              <p className="truncate font-medium">{card ? [card.firstName, card.lastName].filter(Boolean).join(' ') : 'No contact card'}</p>
              <CardStatusBadge status={status} />
            </div>
            <Button asChild variant={card || !canEdit ? 'outline' : 'default'} size="sm">
              <Link
                href={`/cards/${encodeURIComponent(phoneNumber)}`}
                aria-label={`${canEdit ? (card ? 'Edit' : 'Set up') : 'View'} the card of ${phoneNumber}`}
              >
                {canEdit ? (card ? 'Edit' : 'Set up') : 'View'}
              </Link>
            </Button>
          </Card>
        </li>
      ))}
    </ul>
  );
}
