import { CardPreview } from '@/components/cards/card-preview';
import type { LinqContactCard } from '@/lib/linq/types';

/** What viewers see: the card as it is, without edit controls. */
export function CardReadonly({ card }: { card: LinqContactCard | null }) {
  if (!card) {
    return <p className="text-sm text-muted-foreground">This number has no contact card yet. An operator or admin can set one up.</p>;
  }
  return (
    <div className="grid gap-8 xl:grid-cols-[minmax(0,1fr)_auto]">
      <dl className="grid h-fit grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="text-muted-foreground">First name</dt>
        <dd>{card.firstName}</dd>
        <dt className="text-muted-foreground">Last name</dt>
        <dd>{card.lastName ?? '—'}</dd>
        <dt className="text-muted-foreground">Photo</dt>
        <dd>{card.imageUrl ? 'Set' : 'None'}</dd>
      </dl>
      <CardPreview firstName={card.firstName} lastName={card.lastName ?? ''} photo={card.imageUrl ? { src: card.imageUrl } : null} />
    </div>
  );
}
