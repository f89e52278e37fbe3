'use client';

import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { SOURCE_LABELS } from '@/components/history/share-sources';
import { Button } from '@/components/ui/button';
import { useViewerTimeZone } from '@/components/ui/date-time';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { formatCount, formatDateTime } from '@/lib/format';
import { historyHref } from '@/lib/links';
import { localDate, shiftDate } from '@/lib/time-zone';
import { SHARE_OUTCOMES, SHARE_SOURCES, type HistoryFilters } from '@/lib/validations/history';

const OUTCOME_LABELS: Record<(typeof SHARE_OUTCOMES)[number], string> = {
  SUCCEEDED: 'Shared',
  FAILED: 'Failed',
  UNKNOWN: 'Unknown outcome',
  REFUSED: 'Refused',
  PENDING: 'Interrupted',
};

/** A run History can be filtered on, as the run picker lists it. */
export interface RunChoice {
  id: string;
  title: string;
  createdAt: string;
  total: number;
}

export function HistoryFilterForm({
  filters,
  actors,
  numbers,
  runs,
}: {
  filters: HistoryFilters;
  actors: Array<{ id: string; name: string }>;
  numbers: string[];
  runs: RunChoice[];
}) {
  const router = useRouter();
  const shares = filters.tab === 'shares';
  // Days are read in the viewer's zone once the browser says which it is (UTC until then).
  const zone = useViewerTimeZone() ?? filters.tz ?? 'UTC';

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    // The zone matters only to the days: kept out of the address when there are none.
    if (!data.from && !data.to) delete data.tz;
    router.push(historyHref({ tab: filters.tab, ...Object.fromEntries(Object.entries(data).filter(([, v]) => v !== '')) }));
  }

  function preset(daysBack: number, length: number) {
    const today = localDate(new Date(), zone);
    const from = shiftDate(today, -daysBack);
    router.push(historyHref({ ...filters, cursor: undefined, tz: zone, from, to: shiftDate(from, length - 1) }));
  }

  return (
    <form onSubmit={apply} className="flex flex-wrap items-end gap-3" aria-label="Filters">
      {!shares && filters.run && <input type="hidden" name="run" value={filters.run} />}
      <input type="hidden" name="tz" value={zone} />
      <fieldset className="flex max-w-full min-w-0 flex-wrap items-end gap-3" aria-describedby="history-zone">
        <legend className="sr-only">Dates</legend>
        <div className="flex max-w-full min-w-0 flex-col gap-1.5">
          <Label htmlFor="history-from">From</Label>
          <Input id="history-from" name="from" type="date" defaultValue={filters.from} className="w-40" />
        </div>
        <div className="flex max-w-full min-w-0 flex-col gap-1.5">
          <Label htmlFor="history-to">To</Label>
          <Input id="history-to" name="to" type="date" defaultValue={filters.to} className="w-40" />
        </div>
        <div className="flex flex-col gap-1.5">
          <p id="history-zone" className="text-xs text-muted-foreground">
            Days in your time zone, {zone}
          </p>
          <div className="flex flex-wrap gap-1">
            <Button type="button" variant="ghost" size="sm" onClick={() => preset(0, 1)}>
              Today
            </Button>
            <Button type="button" variant="ghost" size="sm" onClick={() => preset(1, 1)}>
              Yesterday
            </Button>
            <Button type="button" variant="ghost" size="sm" onClick={() => preset(6, 7)}>
              Last 7 days
            </Button>
          </div>
        </div>
      </fieldset>
      {(filters.tab === 'shares' || filters.tab === 'cards') && (
        <div className="flex max-w-full min-w-0 flex-col gap-1.5">
          <Label htmlFor="history-number">Sending number</Label>
          <NativeSelect id="history-number" name="number" defaultValue={filters.number ?? ''}>
            <option value="">All numbers</option>
            {numbers.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </NativeSelect>
        </div>
      )}
      {/* Alerts are raised by the console itself: no one to filter on. */}
      {filters.tab !== 'alerts' && (
        <div className="flex max-w-full min-w-0 flex-col gap-1.5">
          <Label htmlFor="history-actor">Staff member</Label>
          <NativeSelect id="history-actor" name="actor" defaultValue={filters.actor ?? ''}>
            <option value="">Anyone</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </NativeSelect>
        </div>
      )}
      {shares && (
        <>
          <div className="flex max-w-full min-w-0 flex-col gap-1.5">
            <Label htmlFor="history-outcome">Outcome</Label>
            <NativeSelect id="history-outcome" name="outcome" defaultValue={filters.outcome ?? ''}>
              <option value="">Any outcome</option>
              {SHARE_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {OUTCOME_LABELS[o]}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="flex max-w-full min-w-0 flex-col gap-1.5">
            <Label htmlFor="history-source">Source</Label>
            <NativeSelect id="history-source" name="source" defaultValue={filters.source ?? ''}>
              <option value="">Any source</option>
              {SHARE_SOURCES.map((source) => (
                <option key={source} value={source}>
                  {SOURCE_LABELS[source]}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="flex max-w-full min-w-0 flex-col gap-1.5">
            <Label htmlFor="history-latest">Attempts</Label>
            <NativeSelect id="history-latest" name="latest" defaultValue={filters.latest ?? ''}>
              <option value="">Every attempt</option>
              <option value="1">{filters.run ? 'Each chat’s last attempt in this run' : 'Each chat’s latest attempt'}</option>
            </NativeSelect>
          </div>
          <div className="flex max-w-full min-w-0 flex-col gap-1.5">
            <Label htmlFor="history-run">Run</Label>
            <NativeSelect id="history-run" name="run" defaultValue={filters.run ?? ''} className="max-w-80">
              <option value="">Any run or none</option>
              {filters.run && !runs.some((run) => run.id === filters.run) && <option value={filters.run}>The run {filters.run}</option>}
              {runs.map((run) => (
                <option key={run.id} value={run.id}>
                  {formatDateTime(run.createdAt, zone)}: {run.title}, {formatCount(run.total)} {run.total === 1 ? 'chat' : 'chats'}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="flex max-w-full min-w-0 flex-col gap-1.5">
            <Label htmlFor="history-q">Chat or participant</Label>
            <Input id="history-q" name="q" defaultValue={filters.q} placeholder="Name, number, email or chat id" className="w-64" />
          </div>
        </>
      )}
      <Button type="submit" variant="outline">
        Apply filters
      </Button>
    </form>
  );
}
