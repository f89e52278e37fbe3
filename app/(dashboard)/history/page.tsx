import { ChevronRight, Download } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { AlertTable } from '@/components/alerts/alert-table';
import { RevisionHistory } from '@/components/cards/revision-history';
import { SettingsHistoryTable, StaffHistoryTable } from '@/components/history/audit-tables';
import { HistoryFilterForm } from '@/components/history/history-filters';
import { RunHistoryTable } from '@/components/history/run-history-table';
import { ShareHistoryTable } from '@/components/history/share-history-table';
import { PageHeader } from '@/components/shell/page-header';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { requirePermission } from '@/lib/auth/guards';
import {
  getAlertHistory,
  getCardHistory,
  getHistoryFilterOptions,
  getRunHistory,
  getSettingsHistory,
  getShareHistory,
  getStaffHistory,
} from '@/lib/data/history';
import { historyHref, historySearchParams } from '@/lib/links';
import { can } from '@/lib/roles';
import { cn } from '@/lib/utils';
import { HISTORY_TAB_PERMISSION, parseHistoryFilters, type HistoryFilters, type HistoryTab } from '@/lib/validations/history';

export const metadata: Metadata = { title: 'History' };

const TABS: Array<{ tab: HistoryTab; label: string }> = [
  { tab: 'shares', label: 'Shares' },
  { tab: 'runs', label: 'Runs' },
  { tab: 'cards', label: 'Card changes' },
  { tab: 'staff', label: 'Staff changes' },
  { tab: 'settings', label: 'Settings changes' },
  { tab: 'alerts', label: 'Alerts' },
];

async function Rows({ filters }: { filters: HistoryFilters }) {
  const page =
    filters.tab === 'cards'
      ? await getCardHistory(filters).then((p) => ({ ...p, table: <RevisionHistory revisions={p.rows} showNumber label="Card changes" /> }))
      : filters.tab === 'staff'
        ? await getStaffHistory(filters).then((p) => ({ ...p, table: <StaffHistoryTable rows={p.rows} /> }))
        : filters.tab === 'settings'
          ? await getSettingsHistory(filters).then((p) => ({ ...p, table: <SettingsHistoryTable rows={p.rows} /> }))
          : filters.tab === 'alerts'
            ? await getAlertHistory(filters).then((p) => ({ ...p, table: <AlertTable rows={p.rows} label="Alerts" empty="No alert matches these filters." /> }))
            : filters.tab === 'runs'
              ? await getRunHistory(filters).then((p) => ({ ...p, table: <RunHistoryTable rows={p.rows} /> }))
              : await getShareHistory(filters).then((p) => ({ ...p, table: <ShareHistoryTable rows={p.rows} /> }));
  return (
    <>
      <Card className="overflow-hidden">{page.table}</Card>
      <nav aria-label="Pages" className="flex items-center justify-between gap-2 text-sm">
        <span>
          {filters.cursor && (
            <Link className="text-primary hover:underline" href={historyHref({ ...filters, cursor: undefined })}>
              Newest first
            </Link>
          )}
        </span>
        {page.nextCursor && (
          <Button asChild variant="outline" size="sm">
            <Link href={historyHref({ ...filters, cursor: page.nextCursor })}>
              Older <ChevronRight aria-hidden />
            </Link>
          </Button>
        )}
      </nav>
    </>
  );
}

export default async function HistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission('view');
  const filters = parseHistoryFilters(await searchParams);
  const options = await getHistoryFilterOptions();
  const tabs = TABS.filter(({ tab }) => !(tab in HISTORY_TAB_PERMISSION) || can(user.role, HISTORY_TAB_PERMISSION[tab as keyof typeof HISTORY_TAB_PERMISSION]));
  // Every tab exports what it lists, with its filters (the tab itself is in the address).
  const exportParams = historySearchParams({ ...filters, cursor: undefined });

  return (
    <>
      <PageHeader
        title="History"
        description={
          options.shareHistoryMonths
            ? `Every share attempt of the last ${options.shareHistoryMonths} months, and every card change, staff change, settings change and alert, newest first. Older share attempts are deleted; their daily totals per number stay. Nothing else is edited or deleted.`
            : 'Every share attempt, card change, staff change, settings change and alert, newest first. Records are never edited or deleted.'
        }
        actions={
          can(user.role, 'exportHistory') && (
            <Button asChild variant="outline">
              <a href={`/api/history/export?${exportParams}`} download>
                <Download aria-hidden /> Export CSV
              </a>
            </Button>
          )
        }
      />
      <div className="flex flex-col gap-4">
        <nav aria-label="History tabs" className="flex flex-wrap gap-1 border-b">
          {tabs.map(({ tab, label }) => (
            <Link
              key={tab}
              href={historyHref({ tab })}
              aria-current={filters.tab === tab ? 'page' : undefined}
              className={cn(
                '-mb-px border-b-2 border-transparent px-3 py-2 text-sm text-muted-foreground hover:text-foreground',
                filters.tab === tab && 'border-primary font-medium text-foreground',
              )}
            >
              {label}
            </Link>
          ))}
        </nav>
        <HistoryFilterForm key={JSON.stringify(filters)} filters={filters} actors={options.actors} numbers={options.numbers} runs={options.runs} />
        {filters.tab === 'shares' && filters.run && (
          <p className="text-sm">
            The shares of{' '}
            <Link className="text-primary underline-offset-2 hover:underline" href={`/runs/${filters.run}`}>
              one run
            </Link>
            .{' '}
            <Link className="text-primary underline-offset-2 hover:underline" href={historyHref({ ...filters, run: undefined, cursor: undefined })}>
              Show every share
            </Link>
          </p>
        )}
        {filters.tab === 'shares' && (
          <p className="text-sm text-muted-foreground">
            Shares per day and number since the first, kept when old attempts are deleted:{' '}
            <a className="text-primary underline underline-offset-2" href="/api/history/daily-totals" download>
              daily totals (CSV)
            </a>
            .
          </p>
        )}
        <Rows filters={filters} />
      </div>
    </>
  );
}
