import { TriangleAlert } from 'lucide-react';
import Link from 'next/link';
import { WebhookActions } from '@/components/settings/webhook-actions';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import type { WebhookSettings } from '@/lib/data/settings';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

const AT_LINQ = {
  active: { tone: 'success', label: 'Active at Linq' },
  inactive: { tone: 'warning', label: 'Paused at Linq' },
  missing: { tone: 'danger', label: 'No longer at Linq' },
  unknown: { tone: 'neutral', label: 'Linq could not be asked' },
} as const;

/** Whether Linq sends this console its events, and what arrived today. */
export function WebhookSection({ webhooks }: { webhooks: WebhookSettings }) {
  const { subscription, today } = webhooks;
  const unreachable = webhooks.publicUrlProblems.length > 0;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Webhooks</CardTitle>
        <CardDescription>
          Linq tells the console at once when messages are sent or received and chats change, so the chat index stays current between full syncs. Deliveries are
          checked against their signature; anything unsigned is refused.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {unreachable && (
          <p role="status" className="flex gap-2 rounded-lg border border-warning/50 bg-warning/10 p-3 text-sm">
            <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span>
              Linq delivers to <code className="break-all">{webhooks.targetUrl}</code>, which is not a public HTTPS address
              {webhooks.mode === 'sandbox' ? ': fine for the local sandbox, but the real Linq could not reach it.' : ', so Linq cannot reach it.'} Set{' '}
              <code>PUBLIC_BASE_URL</code> to the console&apos;s public HTTPS address.
            </span>
          </p>
        )}
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            {subscription ? (
              <Badge tone="success">Connected</Badge>
            ) : webhooks.envSecret ? (
              <Badge tone="info">Secret from LINQ_WEBHOOK_SECRET</Badge>
            ) : (
              <Badge tone="neutral">Not connected</Badge>
            )}
            {subscription?.atLinq && <Badge tone={AT_LINQ[subscription.atLinq].tone}>{AT_LINQ[subscription.atLinq].label}</Badge>}
          </div>
          <WebhookActions subscriptionId={subscription?.id ?? null} targetUrl={subscription?.targetUrl ?? webhooks.targetUrl} />
        </div>
        {subscription && !subscription.secretReadable && (
          <p role="status" className="text-sm text-destructive">
            The stored signing secret cannot be read with this AUTH_SECRET (or SECRETS_KEY), so deliveries are refused. Disconnect and connect again.
          </p>
        )}
        {!subscription && webhooks.envSecret && (
          <p className="text-sm text-muted-foreground">Deliveries are verified with LINQ_WEBHOOK_SECRET, for a subscription made outside the console.</p>
        )}
        <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {subscription && (
            <Fact label="Subscription">
              <span className="break-all">{subscription.targetUrl}</span>
              <span className="block text-xs text-muted-foreground">
                by {subscription.createdBy}, <DateTime value={subscription.createdAt} />
              </span>
            </Fact>
          )}
          <Fact label="Last delivery">
            {webhooks.lastDelivery ? (
              <>
                {webhooks.lastDelivery.eventType}, <DateTime value={webhooks.lastDelivery.at} />
              </>
            ) : (
              'None yet'
            )}
          </Fact>
          <Fact label="Deliveries today (UTC)">
            {today.deliveries.toLocaleString('en')}
            {today.duplicates > 0 && <span className="text-muted-foreground"> (+{today.duplicates} repeats ignored)</span>}
          </Fact>
          <Fact label="Refused today">
            {today.refusals.toLocaleString('en')}
            {today.lastRefusal && (
              <span className="block text-xs text-muted-foreground">
                Last: {today.lastRefusal.reason} (<DateTime value={today.lastRefusal.at} />)
              </span>
            )}
          </Fact>
        </dl>
        <Link href="/settings/webhooks" className="mt-4 inline-block text-sm font-medium text-primary underline-offset-4 hover:underline">
          Open the delivery log
        </Link>
      </CardContent>
    </Card>
  );
}
