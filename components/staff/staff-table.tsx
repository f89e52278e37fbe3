import { InvitationLinkDialog } from '@/components/staff/invitation-link-dialog';
import { StaffRowActions } from '@/components/staff/staff-row-actions';
import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { StaffRow } from '@/lib/data/staff';
import { ROLE_LABELS } from '@/lib/roles';

/** Disabled, invited (with the link's expiry and a new link on demand) or active. */
function StaffStatus({ member, emailAvailable }: { member: StaffRow; emailAvailable: boolean }) {
  if (member.disabled) return <Badge tone="danger">Disabled</Badge>;
  if (!member.invitation) return <Badge tone="success">Active</Badge>;
  const expired = new Date(member.invitation.expiresAt) <= new Date();
  return (
    <div className="flex flex-col items-start gap-1">
      <Badge tone={expired ? 'warning' : 'info'}>{expired ? 'Invitation expired' : 'Invited'}</Badge>
      <p className="text-xs text-muted-foreground">
        {expired ? 'Their link expired ' : 'Has not set a password; the link expires '}
        <DateTime value={member.invitation.expiresAt} />.
      </p>
      <InvitationLinkDialog id={member.id} name={member.name} email={member.email} emailAvailable={emailAvailable} />
    </div>
  );
}

export function StaffTable({ staff, currentUserId, emailAvailable }: { staff: StaffRow[]; currentUserId: string; emailAvailable: boolean }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Email</TableHead>
          <TableHead>Role</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Last sign-in</TableHead>
          <TableHead className="text-right">Actions</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {staff.map((member) => (
          <TableRow key={member.id} aria-label={member.email}>
            <TableCell className="font-medium">
              {member.name}
              {member.id === currentUserId && <span className="ml-1 text-xs text-muted-foreground">(you)</span>}
            </TableCell>
            <TableCell>{member.email}</TableCell>
            <TableCell>{ROLE_LABELS[member.role]}</TableCell>
            <TableCell>
              <StaffStatus member={member} emailAvailable={emailAvailable} />
              {member.secondFactor && <p className="mt-1 text-xs text-muted-foreground">Second factor on</p>}
            </TableCell>
            <TableCell className="text-muted-foreground">{member.lastLoginAt ? <DateTime value={member.lastLoginAt} /> : 'Never'}</TableCell>
            <TableCell>
              <StaffRowActions
                id={member.id}
                name={member.name}
                role={member.role}
                disabled={member.disabled}
                isSelf={member.id === currentUserId}
                work={member.work}
                secondFactor={member.secondFactor}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
