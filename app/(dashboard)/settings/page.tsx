import type { Metadata } from 'next';
import { RefreshOnLive } from '@/components/live/refresh-on-live';
import { BackgroundWorkSection } from '@/components/settings/background-work';
import { WebhookSection } from '@/components/settings/webhook-section';
import { PageHeader } from '@/components/shell/page-header';
import { requirePermission } from '@/lib/auth/guards';
import { getBackgroundWork, getWebhookSettings } from '@/lib/data/settings';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await requirePermission('manageSettings');
  const [webhooks, work] = await Promise.all([getWebhookSettings(), getBackgroundWork()]);
  return (
    <>
      <RefreshOnLive topics={['deliveries', 'jobs', 'index']} />
      <PageHeader title="Settings" description="How the console keeps its index of chats current: Linq's webhooks, and the background work." />
      <div className="flex flex-col gap-6">
        <WebhookSection webhooks={webhooks} />
        <BackgroundWorkSection work={work} />
      </div>
    </>
  );
}
