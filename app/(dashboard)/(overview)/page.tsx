import type { Metadata } from 'next';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/shell/page-header';
import { LinqModeBadge } from '@/components/shell/linq-mode-badge';
import { requirePermission } from '@/lib/auth/guards';
import { can, PERMISSIONS, ROLE_LABELS, type Permission } from '@/lib/auth/roles';
import { getSettings } from '@/lib/env';

export const metadata: Metadata = { title: 'Overview' };

const PERMISSION_LABELS: Record<Permission, string> = {
  view: 'See contact cards, chats and history',
  editCards: 'Create and edit contact cards',
  shareCards: 'Share contact cards into chats',
  exportHistory: 'Export history as CSV',
  manageStaff: 'Manage staff accounts',
};

export default async function OverviewPage() {
  const user = await requirePermission('view');
  const { linq, database } = getSettings();

  return (
    <>
      <PageHeader title="Overview" description={`Welcome, ${user.name}.`} />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card>
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              Linq connection <LinqModeBadge mode={linq.mode} />
            </CardTitle>
            <CardDescription>
              {linq.mode === 'sandbox'
                ? 'Calls go to the local Linq sandbox; nothing reaches real customers. Set LINQ_API_KEY to use the real API.'
                : `Calls go to ${new URL(linq.baseUrl).host} with the configured API key.`}
            </CardDescription>
          </CardHeader>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Database</CardTitle>
            <CardDescription>
              {database.kind === 'embedded'
                ? 'Embedded PostgreSQL (PGlite) in the data folder: fine for one instance. Set DATABASE_URL for a PostgreSQL server.'
                : 'PostgreSQL server from DATABASE_URL.'}
            </CardDescription>
          </CardHeader>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Your access: {ROLE_LABELS[user.role]}</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="flex flex-col gap-1 text-sm">
              {(Object.keys(PERMISSIONS) as Permission[]).map((permission) => (
                <li key={permission} className={can(user.role, permission) ? '' : 'text-muted-foreground line-through'}>
                  {PERMISSION_LABELS[permission]}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
