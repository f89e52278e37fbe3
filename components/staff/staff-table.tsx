import { InvitationLinkDialog } from '@/components/staff/invitation-link-dialog';
import { StaffNumbersDialog } from '@/components/staff/staff-numbers-dialog';
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

/** Which numbers the person sees; admins always every one, and only others can be limited. */
function StaffNumbers({ member, accountNumbers }: { member: StaffRow; accountNumbers: string[] }) {
  const words = member.numbers === null ? 'Every number' : `Only ${member.numbers.join(', ')}`;
  return (
    <div className="mt-1 flex flex-wrap items-center gap-1 text-xs text-muted-foreground">
      <span className="break-all">{words}</span>
      {member.role !== 'ADMIN' && <StaffNumbersDialog id={member.id} name={member.name} numbers={member.numbers} accountNumbers={accountNumbers} />}
    </div>
  );
}

export function StaffTable({
  staff,
  currentUserId,
  emailAvailable,
  accountNumbers,
}: {
  staff: StaffRow[];
  currentUserId: string;
  emailAvailable: boolean;
  accountNumbers: string[];
}) {
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
            <TableCell>
              {ROLE_LABELS[member.role]}
              <StaffNumbers member={member} accountNumbers={accountNumbers} />
            </TableCell>
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
