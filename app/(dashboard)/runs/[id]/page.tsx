import { ArrowLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { RunDetails } from '@/components/runs/run-details';
import { PageHeader } from '@/components/shell/page-header';
import { requirePermission } from '@/lib/auth/guards';
import { historyHref } from '@/lib/links';
import { can } from '@/lib/roles';
import { readRunView } from '@/lib/runs/view';
import { idSchema } from '@/lib/validations/safe-text';

export const metadata: Metadata = { title: 'Share run' };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission('view');
  const { id } = await params;
  const run = idSchema().safeParse(id).success ? await readRunView(id, user.numbers) : null;
  if (!run) notFound();

  return (
    <>
      <Link href={historyHref({ tab: 'runs' })} className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> All runs
      </Link>
      <PageHeader
        title={run.source === 'SCHEDULED' ? 'Daily re-share run' : 'Bulk share run'}
        description="Shares proceed in the background, a few at a time, whether or not this page is open."
      />
      <RunDetails
        initialRun={run}
        canControl={can(user.role, 'shareCards')}
        canExport={can(user.role, 'exportHistory')}
        canTakeOver={can(user.role, 'takeOverWork')}
      />
    </>
  );
}
