import { CardReadonly } from '@/components/cards/card-readonly';
import type { RevisionRow } from '@/components/cards/revision-history';
import { DateTime } from '@/components/ui/date-time';

type SavedRevision = RevisionRow & { afterImageUrl: string | null; linqImageUrl: string | null };

/**
 * While Linq cannot be read, the card as this console last saved it, so the page still answers
 * "what do customers see?". Labelled as a copy: Linq may hold a newer version.
 */
export function LastSavedCard({ phoneNumber, revisions }: { phoneNumber: string; revisions: SavedRevision[] }) {
  const saved = revisions.find((revision) => revision.outcome === 'APPLIED' || revision.outcome === 'NOT_APPLIED_YET');
  if (!saved)
    return (
      <p className="text-sm text-muted-foreground">This console has never saved a card for {phoneNumber}, so it has no copy to show until Linq answers.</p>
    );
  return (
    <section aria-label="Last saved card" className="flex flex-col gap-3">
      <p className="text-sm text-muted-foreground">
        The card as last saved from this console, <DateTime value={saved.createdAt} /> by {saved.actor.name}. Editing waits until Linq answers; it may hold a
        newer version.
      </p>
      <CardReadonly
        card={{
          phoneNumber,
          firstName: saved.afterFirstName,
          lastName: saved.afterLastName,
          imageUrl: saved.linqImageUrl ?? saved.afterImageUrl,
          isActive: saved.outcome === 'APPLIED',
        }}
      />
    </section>
  );
}
