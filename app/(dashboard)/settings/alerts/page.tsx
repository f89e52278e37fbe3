import type { Metadata } from 'next';
import Link from 'next/link';
import { AlertRulesForm } from '@/components/alerts/alert-rules-form';
import { AlertTable } from '@/components/alerts/alert-table';
import { EmailChannelForm, SlackChannelForm } from '@/components/alerts/channel-forms';
import { ChannelStatus } from '@/components/alerts/channel-status';
import { TestAlertButton } from '@/components/alerts/test-alert-button';
import { RefreshOnLive } from '@/components/live/refresh-on-live';
import { PageHeader } from '@/components/shell/page-header';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requirePermission } from '@/lib/auth/guards';
import { getAlertSettings } from '@/lib/data/alerts';
import { historyHref } from '@/lib/links';

export const metadata: Metadata = { title: 'Alerts' };

export default async function AlertSettingsPage() {
  await requirePermission('manageSettings');
  const { channels, rules, recent } = await getAlertSettings();
  return (
    <>
      <RefreshOnLive topics={['alerts']} />
      <PageHeader
        title="Alerts"
        description="Who hosts the console hears of trouble before a support lead does: a number flagged, webhooks gone quiet, syncs failing, runs that could not share, cards Linq has not applied, automatic shares paused. Alerts raised within a few seconds go out as one message."
        actions={
          <Link href="/settings" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            Back to Settings
          </Link>
        }
      />
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Email</CardTitle>
            <CardDescription>Alerts are mailed through your SMTP server. The password is stored encrypted and never shown again.</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <ChannelStatus channel={channels.EMAIL} />
            <EmailChannelForm channel={channels.EMAIL} />
            <TestAlertButton channel="EMAIL" disabled={!channels.EMAIL.configured} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Slack</CardTitle>
            <CardDescription>
              Alerts are posted to a Slack incoming webhook (or a service that takes the same format). The address is stored encrypted.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <ChannelStatus channel={channels.SLACK} />
            <SlackChannelForm channel={channels.SLACK} />
            <TestAlertButton channel="SLACK" disabled={!channels.SLACK.configured} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Events</CardTitle>
            <CardDescription>Each occurrence alerts once, however often it is seen. Events that are off are not recorded either.</CardDescription>
          </CardHeader>
          <CardContent>
            <AlertRulesForm rules={rules} />
          </CardContent>
        </Card>
        <Card className="overflow-hidden">
          <CardHeader>
            <CardTitle>Latest alerts</CardTitle>
            <CardDescription>
              The last {recent.length === 1 ? 'one' : recent.length} of them;{' '}
              <Link href={historyHref({ tab: 'alerts' })} className="text-primary underline-offset-2 hover:underline">
                History lists every alert
              </Link>
              .
            </CardDescription>
          </CardHeader>
          <AlertTable rows={recent} label="Latest alerts" empty="No alert yet." />
        </Card>
      </div>
    </>
  );
}
