import { Download } from 'lucide-react';
import type { Metadata } from 'next';
import { ImpactChart } from '@/components/impact/impact-chart';
import { ImpactFilterForm } from '@/components/impact/impact-filters';
import { ImpactTable } from '@/components/impact/impact-table';
import { RefreshOnLive } from '@/components/live/refresh-on-live';
import { PageHeader } from '@/components/shell/page-header';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { getImpact } from '@/lib/data/impact';
import { impactFiltersSchema } from '@/lib/validations/impact';

export const metadata: Metadata = { title: 'Impact' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ImpactPage({ searchParams }: Props) {
  const filters = impactFiltersSchema.parse(await searchParams);
  const { numbers, lines, period } = await getImpact(filters);
  const query = new URLSearchParams({ weeks: filters.weeks, ...(filters.number && { number: filters.number }) });
  return (
    <>
      <RefreshOnLive topics={['chats']} />
      <PageHeader
        title="Impact"
        description="Do customers write back more after the card? Of the chats shared in the period, the share whose customer wrote within 1, 3 and 7 days, against comparable chats."
        actions={
          <Button asChild variant="outline">
            <a href={`/api/impact/export?${query}`} download>
              <Download aria-hidden /> Download CSV
            </a>
          </Button>
        }
      />
      <div className="flex flex-col gap-6">
        <ImpactFilterForm filters={filters} lines={lines} />
        <p className="max-w-3xl text-sm text-muted-foreground">
          Comparable chats are chats of the same number where the business wrote and no card was shared from a day before until seven days after: they could
          have received the card at that moment and did not. Both sides are split by whether the customer had written before, and comparable chats are weighted
          to the shared chats’ mix. A window counts once it has fully passed. These figures show whether customers write back more often after the card, not
          that the card caused it: the chats that got it were chosen (by staff, a rule or a schedule). Linq cannot tell whether a customer saved the card.
          Shares from <DateTime value={period.since} /> to <DateTime value={period.until} />.
        </p>
        {numbers.length === 0 ? (
          <Card>
            <CardContent className="p-6 text-sm text-muted-foreground">
              No card was shared in this period{filters.number ? ` from ${filters.number}` : ''}: there is nothing to measure yet.
            </CardContent>
          </Card>
        ) : (
          numbers.map((number) => (
            <Card key={number.number}>
              <CardHeader>
                <CardTitle>{number.number}</CardTitle>
              </CardHeader>
              <CardContent className="flex flex-col gap-4">
                <ImpactChart number={number.number} weeks={number.weeks} within={Number(filters.within)} />
                <ImpactTable number={number.number} sources={number.sources} />
              </CardContent>
            </Card>
          ))
        )}
      </div>
    </>
  );
}
