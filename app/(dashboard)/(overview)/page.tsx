import type { Metadata } from 'next';
import Link from 'next/link';
import { CardStatusBadge } from '@/components/cards/card-status-badge';
import { RefreshOnLive } from '@/components/live/refresh-on-live';
import { ActiveRuns } from '@/components/overview/active-runs';
import { NextSteps } from '@/components/overview/next-steps';
import { RecentRuns } from '@/components/overview/recent-runs';
import { SharesChart } from '@/components/overview/shares-chart';
import { StatCard } from '@/components/overview/stat-card';
import { PageHeader } from '@/components/shell/page-header';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { DateTime, RenderInViewerZone } from '@/components/ui/date-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requirePermission } from '@/lib/auth/guards';
import { getActiveRuns, getNextSteps, getOverview, getRecentRuns } from '@/lib/data/overview';
import { getSettings } from '@/lib/env';
import { chatPageHref, historyHref } from '@/lib/links';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const user = await requirePermission('view');
  const [overview, activeRuns, recentRuns] = await Promise.all([getOverview(), getActiveRuns(), getRecentRuns()]);
  const steps = await getNextSteps(overview);
  const { database } = getSettings();
  const { today, weekStart: weekAgo, timeZone: tz } = overview.days;

  return (
    <>
      <RefreshOnLive topics={['chats', 'cards', 'runs', 'index']} />
      <RenderInViewerZone zone={tz} />
      <PageHeader title="Overview" description={`Welcome, ${user.name}. Shares and cards at a glance; every number opens the list behind it.`} />
      <div className="flex flex-col gap-6">
        <NextSteps steps={steps} />
        <section aria-label="Shares" aria-describedby="shares-counted" className="grid grid-cols-2 gap-4 lg:grid-cols-4">
          <StatCard label="Shared today" value={overview.today.succeeded} tone="success" href={historyHref({ tz, from: today, outcome: 'SUCCEEDED' })} />
          <StatCard
            label="Failed today"
            value={overview.today.failed}
            tone={overview.today.failed ? 'danger' : undefined}
            href={historyHref({ tz, from: today, outcome: 'FAILED', latest: '1' })}
          />
          <StatCard label="Shared, last 7 days" value={overview.lastSevenDays.succeeded} href={historyHref({ tz, from: weekAgo, outcome: 'SUCCEEDED' })} />
          <StatCard
            label="Failed, last 7 days"
            value={overview.lastSevenDays.failed}
            href={historyHref({ tz, from: weekAgo, outcome: 'FAILED', latest: '1' })}
          />
          <p id="shares-counted" className="col-span-full -mt-2 text-xs text-muted-foreground">
            Days in your time zone, {tz}. Failed counts chats whose latest attempt failed: a failure tried again and shared no longer counts.
          </p>
        </section>

        <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <Card>
            <CardHeader>
              <CardTitle>Sending numbers</CardTitle>
              <CardDescription>
                Cards: {overview.cards.active} active, {overview.cards.inactive} not applied yet, {overview.cards.missing} missing. Chats are counted over the
                whole account
                {overview.lastSyncAt ? (
                  <>
                    {' '}
                    as of the last full sync, <DateTime value={overview.lastSyncAt} />, and webhooks since.
                  </>
                ) : (
                  ': the first full sync has not ended yet.'
                )}
              </CardDescription>
            </CardHeader>
            <CardContent className="p-0 pb-2">
              {overview.numbers.length > 0 ? (
                <Table aria-label="Sending numbers">
                  <TableHeader>
                    <TableRow>
                      <TableHead>Number</TableHead>
                      <TableHead>Card</TableHead>
                      <TableHead className="text-right">Chats</TableHead>
                      <TableHead className="text-right">iMessage, message sent</TableHead>
                      <TableHead className="text-right">Shared at least once</TableHead>
                      <TableHead className="text-right">Shared, last 7 days</TableHead>
                      <TableHead className="text-right">Eligible now</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {overview.numbers.map((n) => (
                      <TableRow key={n.phoneNumber}>
                        <TableCell className="font-mono text-xs">
                          <Link className="hover:underline" href={chatPageHref({ from: n.phoneNumber })}>
                            {n.phoneNumber}
                          </Link>
                        </TableCell>
                        <TableCell>
                          <Link href={`/cards/${encodeURIComponent(n.phoneNumber)}`}>
                            <CardStatusBadge status={n.cardStatus} />
                            <span className="sr-only"> card of {n.phoneNumber}</span>
                          </Link>
                          {n.lineStatus === 'FLAGGED' && (
                            <Badge tone="danger" className="ml-1">
                              Flagged by Linq
                            </Badge>
                          )}
                        </TableCell>
                        <TableCell className="text-right tabular-nums">{n.chats.toLocaleString('en')}</TableCell>
                        <TableCell className="text-right tabular-nums">{n.imessageWithOutbound.toLocaleString('en')}</TableCell>
                        <TableCell className="text-right tabular-nums">{n.sharedEver.toLocaleString('en')}</TableCell>
                        <TableCell className="text-right tabular-nums">{n.sharedLastWeek.toLocaleString('en')}</TableCell>
                        <TableCell className="text-right tabular-nums">
                          <Link
                            className="font-medium text-primary hover:underline"
                            href={chatPageHref({ from: n.phoneNumber, show: 'eligible' })}
                            aria-label={`${n.eligibleNow} eligible chats on ${n.phoneNumber}`}
                          >
                            {n.eligibleNow.toLocaleString('en')}
                          </Link>
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              ) : (
                <p className="px-5 pb-3 text-sm text-muted-foreground">No sending numbers yet: they appear after the first sync with Linq.</p>
              )}
            </CardContent>
          </Card>
          <div className="flex flex-col gap-6">
            <Card>
              <CardHeader>
                <CardTitle>Shares per day</CardTitle>
              </CardHeader>
              <CardContent>
                <SharesChart data={overview.perDay} timeZone={tz} />
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>Runs in progress</CardTitle>
              </CardHeader>
              <CardContent>
                <ActiveRuns runs={activeRuns} />
              </CardContent>
            </Card>
            <Card>
              <CardHeader className="flex-row items-center justify-between">
                <CardTitle>Recent runs</CardTitle>
                <Link className="text-sm text-primary hover:underline" href={historyHref({ tab: 'runs' })}>
                  All runs
                </Link>
              </CardHeader>
              <CardContent>
                <RecentRuns runs={recentRuns} />
              </CardContent>
            </Card>
          </div>
        </div>
        <p className="text-xs text-muted-foreground">
          Database: {database.kind === 'embedded' ? 'embedded PostgreSQL (PGlite) in the data folder' : 'PostgreSQL server'}.
        </p>
      </div>
    </>
  );
}
