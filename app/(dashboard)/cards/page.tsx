import type { Metadata } from 'next';
import { CardList } from '@/components/cards/card-list';
import { PublicUrlNotice } from '@/components/cards/public-url-notice';
import { RefreshOnLive } from '@/components/live/refresh-on-live';
import { LinqErrorPanel } from '@/components/shell/linq-error-panel';
import { PageHeader } from '@/components/shell/page-header';
import { requirePermission } from '@/lib/auth/guards';
import { getCardRows } from '@/lib/data/contact-cards';
import { getSettings } from '@/lib/env';
import { can } from '@/lib/roles';

export const metadata: Metadata = { title: 'Contact cards' };

export default async function ContactCardsPage() {
  const user = await requirePermission('view');
  const rows = await getCardRows();
  const { publicBaseUrl, linq } = getSettings();
  return (
    <>
      <RefreshOnLive topics={['cards']} />
      <PageHeader
        title="Contact cards"
        description="The name and photo each sending number shares with customers in iMessage. A card must be active before it can be shared."
      />
      <div className="flex flex-col gap-4">
        {can(user.role, 'editCards') && <PublicUrlNotice publicBaseUrl={publicBaseUrl} mode={linq.mode} />}
        {rows.ok ? <CardList rows={rows.value} canEdit={can(user.role, 'editCards')} /> : <LinqErrorPanel error={rows.error} />}
      </div>
    </>
  );
}
