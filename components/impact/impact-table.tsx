import { SOURCE_LABELS } from '@/components/history/share-sources';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { HORIZONS, type SourceImpact } from '@/lib/impact/measure';
import { verdict, type Rate } from '@/lib/impact/stats';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

function RateCell({ rate }: { rate: Rate }) {
  if (rate.n === 0) return <span className="text-muted-foreground">no chats yet</span>;
  return (
    <>
      <span className="font-medium">{percent(rate.rate)}</span>{' '}
      <span className="text-muted-foreground">
        ({percent(rate.low)}–{percent(rate.high)}) of {rate.n.toLocaleString('en-US')}
      </span>
    </>
  );
}

/** Each source's figures, window by window: after the card, comparable chats, the difference, and what it says. */
export function ImpactTable({ number, sources }: { number: string; sources: SourceImpact[] }) {
  return (
    <div className="overflow-x-auto">
      <Table aria-label={`Replies after the card, ${number}`}>
        <TableHeader>
          <TableRow>
            <TableHead>Source, window</TableHead>
            <TableHead>Wrote back after the card (95% CI)</TableHead>
            <TableHead>Comparable chats (95% CI)</TableHead>
            <TableHead>Difference (95% CI)</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {sources.flatMap(({ source, byHorizon }) =>
            HORIZONS.map((horizon) => {
              const comparison = byHorizon[horizon];
              const { difference } = comparison;
              return (
                <TableRow key={`${source ?? 'all'}-${horizon}`}>
                  <TableCell>
                    {source ? SOURCE_LABELS[source] : 'All shares'}, within {horizon} day{horizon === 1 ? '' : 's'}
                  </TableCell>
                  <TableCell>
                    <RateCell rate={comparison.shared} />
                  </TableCell>
                  <TableCell>
                    <RateCell rate={comparison.comparable} />
                  </TableCell>
                  <TableCell>
                    {difference ? (
                      <>
                        <span className="font-medium">
                          {difference.value >= 0 ? '+' : '−'}
                          {percent(Math.abs(difference.value))}
                        </span>{' '}
                        <span className="text-muted-foreground">
                          ({percent(difference.low)} to {percent(difference.high)})
                        </span>
                        <span className="block text-xs text-muted-foreground">{verdict(comparison)}</span>
                      </>
                    ) : (
                      <span className="text-muted-foreground">—</span>
                    )}
                  </TableCell>
                </TableRow>
              );
            }),
          )}
        </TableBody>
      </Table>
    </div>
  );
}
