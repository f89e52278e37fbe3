import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { CardRevision } from '@/generated/prisma/client';
import { formatDateTime } from '@/lib/format';

/** What a revision table needs of a CardRevision row, wherever it was read. */
export type RevisionRow = Pick<
  CardRevision,
  'id' | 'createdAt' | 'phoneNumber' | 'write' | 'sentFields' | 'fellBackToUpdate' | 'beforeFirstName' | 'beforeLastName' | 'afterFirstName' | 'afterLastName' | 'outcome' | 'errorMessage' | 'linqCode' | 'traceId'
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

function describeChange(revision: RevisionRow): string {
  const before = fullName(revision.beforeFirstName, revision.beforeLastName);
  const after = fullName(revision.afterFirstName, revision.afterLastName);
  const parts = [before === after ? `Name ${after}` : `Name ${before} → ${after}`];
  if (revision.sentFields.includes('image_url')) parts.push('new photo');
  return parts.join('; ');
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
          <TableHead>Sent</TableHead>
          <TableHead>Outcome</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {revisions.map((revision) => {
          const outcome = OUTCOMES[revision.outcome];
          return (
            <TableRow key={revision.id}>
              <TableCell className="whitespace-nowrap text-muted-foreground">{formatDateTime(revision.createdAt)}</TableCell>
              {showNumber && <TableCell className="font-mono text-xs">{revision.phoneNumber}</TableCell>}
              <TableCell>{revision.actor.name}</TableCell>
              <TableCell>{describeChange(revision)}</TableCell>
              <TableCell className="text-xs text-muted-foreground">
                {revision.write === 'CREATE' ? 'Created' : 'Updated'}: {revision.sentFields.join(', ')}
                {revision.fellBackToUpdate && ' (card already existed)'}
              </TableCell>
              <TableCell>
                <Badge tone={outcome.tone}>{outcome.label}</Badge>
                {revision.outcome === 'FAILED' && (
                  <p className="mt-1 max-w-xs text-xs text-muted-foreground">
                    {revision.errorMessage}
                    {revision.linqCode && ` Code ${revision.linqCode}.`}
                    {revision.traceId && <> Trace <code>{revision.traceId}</code>.</>}
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
