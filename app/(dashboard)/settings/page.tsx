import type { Metadata } from 'next';
import Link from 'next/link';
import { RefreshOnLive } from '@/components/live/refresh-on-live';
import { AutoShareSection } from '@/components/settings/auto-share-section';
import { BackgroundWorkSection } from '@/components/settings/background-work';
import { SignInSection } from '@/components/settings/sign-in-section';
import { WebhookSection } from '@/components/settings/webhook-section';
import { PageHeader } from '@/components/shell/page-header';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requirePermission } from '@/lib/auth/guards';
import { getAutoShareAccount } from '@/lib/data/auto-share';
import { getBackgroundWork, getSignInSettings, getWebhookSettings } from '@/lib/data/settings';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await requirePermission('manageSettings');
  const [webhooks, work, autoShare, signIn] = await Promise.all([getWebhookSettings(), getBackgroundWork(), getAutoShareAccount(), getSignInSettings()]);
  return (
    <>
      <RefreshOnLive topics={['deliveries', 'jobs', 'index', 'auto']} />
      <PageHeader
        title="Settings"
        description="How the console keeps its index of chats current (Linq's webhooks, the background work), alerts, the switch for every automatic share, and how staff sign in."
      />
      <div className="flex flex-col gap-6">
        <WebhookSection webhooks={webhooks} />
        <Card>
          <CardHeader>
            <CardTitle>Alerts</CardTitle>
            <CardDescription>
              Email and Slack messages when a number is flagged, webhooks go quiet, syncs or runs fail, or a card is not applied.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <Link href="/settings/alerts" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
              Set up alerts
            </Link>
          </CardContent>
        </Card>
        <AutoShareSection account={autoShare} />
        <SignInSection settings={signIn} />
        <BackgroundWorkSection work={work} />
      </div>
    </>
  );
}
