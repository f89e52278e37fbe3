import type { Metadata } from 'next';
import Link from 'next/link';
import { RefreshOnLive } from '@/components/live/refresh-on-live';
import { DeliveryLogFilterForm, DeliveryLogTable } from '@/components/settings/delivery-log';
import { PageHeader } from '@/components/shell/page-header';
import { requirePermission } from '@/lib/auth/guards';
import { getDeliveryLog } from '@/lib/data/webhook-log';
import { deliveryLogFiltersSchema } from '@/lib/validations/webhook-log';
import { SUBSCRIBED_EVENTS } from '@/lib/webhooks/events';

export const metadata: Metadata = { title: 'Webhook deliveries' };

export default async function DeliveryLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission('manageSettings');
  const filters = deliveryLogFiltersSchema.parse(await searchParams);
  const log = await getDeliveryLog(filters);
  const nextHref =
    log.next &&
    `/settings/webhooks?${new URLSearchParams({ ...(filters.type && { type: filters.type }), ...(filters.status && { status: filters.status }), before: log.next })}`;
  return (
    <>
      <RefreshOnLive topics={['deliveries']} />
      <PageHeader
        title="Webhook deliveries"
        description={`Every delivery from Linq whose signature was verified, newest first, kept ${log.retentionDays} days (WEBHOOK_RETENTION_DAYS): what it was about, how long it waited, what applying it changed. Customer numbers in payloads are masked.`}
        actions={
          <Link href="/settings" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            Back to Settings
          </Link>
        }
      />
      <div className="flex flex-col gap-4">
        <p className="text-sm text-muted-foreground" aria-label="Refused deliveries">
          {log.refusals.length === 0
            ? 'No delivery was refused in that time.'
            : `Refused (bad or missing signature, counted but not kept): ${log.refusals.map((day) => `${day.refusals} on ${day.day}`).join(', ')}.`}
        </p>
        <DeliveryLogFilterForm filters={filters} eventTypes={[...SUBSCRIBED_EVENTS, 'unknown']} />
        <DeliveryLogTable log={log} />
        {nextHref && (
          <Link href={nextHref} className="self-start text-sm font-medium text-primary underline-offset-4 hover:underline">
            Older deliveries
          </Link>
        )}
      </div>
    </>
  );
}
