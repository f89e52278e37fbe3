import { ArrowLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AutoShareForm } from '@/components/cards/auto-share-form';
import { AutoShareStatus } from '@/components/cards/auto-share-status';
import { CardEditor } from '@/components/cards/card-editor';
import { CardReadonly } from '@/components/cards/card-readonly';
import { CardStatusBadge } from '@/components/cards/card-status-badge';
import { LastSavedCard } from '@/components/cards/last-saved-card';
import { PublicUrlNotice } from '@/components/cards/public-url-notice';
import { ReshareScheduleForm } from '@/components/cards/reshare-schedule';
import { RevisionHistory } from '@/components/cards/revision-history';
import { ScheduleChanges } from '@/components/cards/schedule-changes';
import { SchedulePreviewLine } from '@/components/cards/schedule-preview';
import { RefreshOnLive } from '@/components/live/refresh-on-live';
import { LinqErrorPanel } from '@/components/shell/linq-error-panel';
import { PageHeader } from '@/components/shell/page-header';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { requirePermission } from '@/lib/auth/guards';
import { getAutoSharePanel } from '@/lib/data/auto-share';
import { getCardRevisions, getCardRow } from '@/lib/data/contact-cards';
import { getSettings } from '@/lib/env';
import { covers } from '@/lib/number-scope';
import { can } from '@/lib/roles';
import { previewSchedule, readSchedule, recentScheduleChanges } from '@/lib/runs/schedules';
import { timeZoneChoices } from '@/lib/time-zone-names';
import { phoneNumberParam } from '@/lib/validations/route-params';

type Params = { params: Promise<{ phone: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Card of ${phoneNumberParam((await params).phone) ?? 'an unknown number'}` };
}

export default async function ContactCardPage({ params }: Params) {
  const user = await requirePermission('view');
  const phoneNumber = phoneNumberParam((await params).phone);
  // Another number than the person's answers as one that does not exist.
  if (!phoneNumber || !covers(user.numbers, phoneNumber)) notFound();
  const [row, revisions, schedule, scheduleChanges, autoShare] = await Promise.all([
    getCardRow(phoneNumber),
    getCardRevisions(phoneNumber),
    readSchedule(phoneNumber),
    recentScheduleChanges(phoneNumber),
    getAutoSharePanel(phoneNumber),
  ]);
  const preview = await previewSchedule(phoneNumber, schedule);
  const canEdit = can(user.role, 'editCards');
  const { publicBaseUrl, linq } = getSettings();

  return (
    <>
      <Link href="/cards" className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> All contact cards
      </Link>
      <RefreshOnLive topics={['cards', 'runs', 'auto']} />
      <PageHeader
        title={`Contact card of ${phoneNumber}`}
        description="Customers see this name and photo when the card is shared into an iMessage chat."
        actions={row.ok ? <CardStatusBadge status={row.value.status} /> : undefined}
      />
      <div className="flex flex-col gap-6">
        {canEdit && <PublicUrlNotice publicBaseUrl={publicBaseUrl} mode={linq.mode} />}
        <Card>
          <CardContent className="pt-5">
            {!row.ok ? (
              <div className="flex flex-col gap-5">
                <LinqErrorPanel error={row.error} />
                <LastSavedCard phoneNumber={phoneNumber} revisions={revisions} />
              </div>
            ) : canEdit ? (
              <CardEditor phoneNumber={phoneNumber} card={row.value.card} />
            ) : (
              <CardReadonly card={row.value.card} />
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Automatic share</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {can(user.role, 'automateShares') && (
              // Keyed by the number: moving to another number's page starts from that number's saved rule.
              <AutoShareForm key={phoneNumber} phoneNumber={phoneNumber} rule={autoShare.rule} preview={autoShare.preview} timeZones={timeZoneChoices()} />
            )}
            <AutoShareStatus phoneNumber={phoneNumber} panel={autoShare} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Daily re-share</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {can(user.role, 'shareCards') ? (
              // Keyed by the number: moving to another number's page starts from that number's saved schedule.
              <ReshareScheduleForm key={phoneNumber} phoneNumber={phoneNumber} schedule={schedule} preview={preview} timeZones={timeZoneChoices()} />
            ) : (
              <SchedulePreviewLine schedule={schedule} preview={preview} />
            )}
            <ScheduleChanges changes={scheduleChanges} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>History</CardTitle>
          </CardHeader>
          <CardContent>
            <RevisionHistory revisions={revisions} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
