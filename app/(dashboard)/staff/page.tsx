import type { Metadata } from 'next';
import { RefreshOnLive } from '@/components/live/refresh-on-live';
import { PageHeader } from '@/components/shell/page-header';
import { AttackNotice } from '@/components/staff/attack-notice';
import { CreateStaffForm } from '@/components/staff/create-staff-form';
import { StaffTable } from '@/components/staff/staff-table';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requirePermission } from '@/lib/auth/guards';
import { getAccountNumbers, getAccountsUnderAttack, getInvitationEmail, getStaff } from '@/lib/data/staff';

export const metadata: Metadata = { title: 'Staff' };

export default async function StaffPage() {
  const user = await requirePermission('manageStaff');
  const [staff, underAttack, emailAvailable, accountNumbers] = await Promise.all([
    getStaff(),
    getAccountsUnderAttack(),
    getInvitationEmail(),
    getAccountNumbers(),
  ]);
  return (
    <>
      <RefreshOnLive topics={['staff']} />
      <PageHeader title="Staff" description="Who can sign in to the console, and what each person may do." />
      <div className="flex flex-col gap-6">
        <AttackNotice accounts={underAttack} />
        <Card>
          <CardContent className="p-0">
            <StaffTable staff={staff} currentUserId={user.id} emailAvailable={emailAvailable} accountNumbers={accountNumbers} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Add a staff member</CardTitle>
            <CardDescription>
              Viewers read; operators also edit cards, share and export; admins also manage staff. An operator or a viewer can be limited to some numbers
              (Numbers, in their row). Every change here is recorded and shown under History.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <CreateStaffForm emailAvailable={emailAvailable} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
