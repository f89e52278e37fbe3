import { ArrowRight } from 'lucide-react';
import { CardAvatar } from '@/components/cards/card-avatar';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/date-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { CardRevision } from '@/generated/prisma/client';

/** What a revision table needs of a CardRevision row, wherever it was read. */
export type RevisionRow = Pick<
  CardRevision,
  | 'id'
  | 'createdAt'
  | 'phoneNumber'
  | 'write'
  | 'sentFields'
  | 'fellBackToUpdate'
  | 'beforeFirstName'
  | 'beforeLastName'
  | 'beforeImageUrl'
  | 'afterFirstName'
  | 'afterLastName'
  | 'afterImageUrl'
  | 'linqImageUrl'
  | 'outcome'
  | 'errorMessage'
  | 'linqCode'
  | 'traceId'
> & { actor: { name: string } };

const OUTCOMES: Record<RevisionRow['outcome'], { label: string; tone: BadgeTone }> = {
  APPLIED: { label: 'Applied', tone: 'success' },
  NOT_APPLIED_YET: { label: 'Not applied yet', tone: 'warning' },
  FAILED: { label: 'Failed', tone: 'danger' },
  PENDING: { label: 'Interrupted', tone: 'neutral' },
};

function fullName(first: string | null, last: string | null): string {
  return [first, last].filter(Boolean).join(' ') || '—';
}

/** Linq's field names, as staff say them. */
const FIELD_WORDS: Record<string, string> = { first_name: 'first name', last_name: 'last name', image_url: 'photo' };

/** "Updated the last name and photo", "Created the card": what the save did, in words. */
export function describeWrite(revision: Pick<RevisionRow, 'write' | 'sentFields' | 'fellBackToUpdate'>): string {
  if (revision.write === 'CREATE') return 'Created the card';
  const words = revision.sentFields.map((field) => FIELD_WORDS[field] ?? field.replaceAll('_', ' '));
  const list = words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? 'nothing');
  return `Updated the ${list}${revision.fellBackToUpdate ? ' (the card already existed)' : ''}`;
}

function Thumbnail({ src, label }: { src: string | null; label: string }) {
  if (!src) return <span className="text-muted-foreground">none</span>;
  return <CardAvatar firstName="" lastName="" photo={{ src }} label={label} className="size-8" />;
}

/** "Name: Acme → Acme Care" and the photo before and after, when they changed. */
function Change({ revision }: { revision: RevisionRow }) {
  const before = fullName(revision.beforeFirstName, revision.beforeLastName);
  const after = fullName(revision.afterFirstName, revision.afterLastName);
  const nameChanged = revision.write === 'CREATE' || before !== after;
  return (
    <div className="flex flex-col gap-1">
      <p>{nameChanged && revision.write === 'UPDATE' ? `Name: ${before} → ${after}` : `Name: ${after}${nameChanged ? '' : ' (unchanged)'}`}</p>
      {revision.sentFields.includes('image_url') && (
        <div className="flex items-center gap-2">
          <span>Photo:</span>
          {revision.write === 'UPDATE' && (
            <>
              <Thumbnail src={revision.beforeImageUrl} label="Photo before" />
              <ArrowRight className="size-3.5 text-muted-foreground" aria-label="changed to" />
            </>
          )}
          <Thumbnail src={revision.linqImageUrl ?? revision.afterImageUrl} label="New photo" />
        </div>
      )}
    </div>
  );
}

/** Saves of contact cards: on a number's page, and (with the number shown) in History. */
export function RevisionHistory({ revisions, showNumber = false, label = 'Card history' }: { revisions: RevisionRow[]; showNumber?: boolean; label?: string }) {
  if (revisions.length === 0) {
    return <p className="p-6 text-sm text-muted-foreground">{showNumber ? 'No card change matches these filters.' : 'No saves yet from this console.'}</p>;
  }
  return (
    <Table aria-label={label}>
      <TableHeader>
        <TableRow>
          <TableHead>When</TableHead>
          {showNumber && <TableHead>Number</TableHead>}
          <TableHead>Who</TableHead>
          <TableHead>Change</TableHead>
          <TableHead>Saved as</TableHead>
          <TableHead>Outcome</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {revisions.map((revision) => {
          const outcome = OUTCOMES[revision.outcome];
          return (
            <TableRow key={revision.id}>
              <TableCell className="whitespace-nowrap text-muted-foreground">
                <RelativeTime value={revision.createdAt} />
              </TableCell>
              {showNumber && <TableCell className="font-mono text-xs">{revision.phoneNumber}</TableCell>}
              <TableCell>{revision.actor.name}</TableCell>
              <TableCell>
                <Change revision={revision} />
              </TableCell>
              <TableCell className="text-xs text-muted-foreground">{describeWrite(revision)}</TableCell>
              <TableCell>
                <Badge tone={outcome.tone}>{outcome.label}</Badge>
                {revision.outcome === 'FAILED' && (
                  <p className="mt-1 max-w-xs text-xs text-muted-foreground">
                    {revision.errorMessage}
                    {revision.linqCode && ` Code ${revision.linqCode}.`}
                    {revision.traceId && (
                      <>
                        {' '}
                        Trace <code>{revision.traceId}</code>.
                      </>
                    )}
                  </p>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
