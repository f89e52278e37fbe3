'use client';

import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { ResetPasswordDialog } from '@/components/staff/reset-password-dialog';
import { ResetSecondFactorDialog } from '@/components/staff/reset-second-factor-dialog';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent } from '@/components/ui/dialog';
import { NativeSelect } from '@/components/ui/native-select';
import { changeStaffRole, setStaffDisabled, type StaffChangeResult } from '@/lib/actions/staff';
import { can, ROLE_LABELS, ROLES, type Role } from '@/lib/roles';
import type { OwnedWorkCounts } from '@/lib/runs/owner';
import { describeOwnedWorkPause } from '@/lib/staff/owned-work';

function report(result: StaffChangeResult) {
  if (result.ok) toast.success(result.message);
  else toast.error(result.error);
}

const roleWord = (role: Role) => ROLE_LABELS[role].toLowerCase();
/** "an admin", "an operator", "a viewer". */
const withArticle = (role: Role) => `${/^[aeiou]/.test(roleWord(role)) ? 'an' : 'a'} ${roleWord(role)}`;

/**
 * A role change or disabling, confirmed first: a menu moved by an arrow key or a stray click changes
 * nothing until the dialog, which names the person and the change, is confirmed.
 */
type Pending = { kind: 'role'; role: Role } | { kind: 'disable' };

export function StaffRowActions({
  id,
  name,
  role,
  disabled,
  isSelf,
  work,
  secondFactor,
}: {
  id: string;
  name: string;
  role: Role;
  disabled: boolean;
  isSelf: boolean;
  work: OwnedWorkCounts;
  secondFactor: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const [confirming, setConfirming] = useState<Pending | null>(null);

  const changeRole = (to: Role, from: Role) =>
    startTransition(async () => {
      const result = await changeStaffRole(id, to);
      if (!result.ok) return void toast.error(result.error);
      toast.success(`${name} is now ${withArticle(to)}. It applies from their next click.`, {
        action: { label: 'Undo', onClick: () => changeRole(from, to) },
      });
    });
  const confirm = () => {
    if (!confirming) return;
    if (confirming.kind === 'role') changeRole(confirming.role, role);
    else startTransition(async () => report(await setStaffDisabled(id, true)));
    setConfirming(null);
  };

  return (
    <div className="flex flex-wrap items-center justify-end gap-1">
      <NativeSelect
        aria-label={`Role of ${name}`}
        value={confirming?.kind === 'role' ? confirming.role : role}
        disabled={pending}
        onChange={(event) => {
          const next = event.target.value as Role;
          setConfirming(next === role ? null : { kind: 'role', role: next });
        }}
        className="h-8"
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </NativeSelect>
      {!isSelf &&
        (disabled ? (
          <Button variant="ghost" size="sm" disabled={pending} onClick={() => startTransition(async () => report(await setStaffDisabled(id, false)))}>
            Enable<span className="sr-only"> {name}</span>
          </Button>
        ) : (
          <Button variant="ghost" size="sm" disabled={pending} onClick={() => setConfirming({ kind: 'disable' })}>
            Disable<span className="sr-only"> {name}</span>
          </Button>
        ))}
      <ResetPasswordDialog id={id} name={name} />
      {secondFactor && !isSelf && <ResetSecondFactorDialog id={id} name={name} />}
      <Dialog open={confirming !== null} onOpenChange={(open) => !open && setConfirming(null)}>
        {confirming && (
          <DialogContent
            title={confirming.kind === 'role' ? `Make ${name} ${withArticle(confirming.role)}?` : `Disable ${name}?`}
            description={[
              confirming.kind === 'role'
                ? `${name} is ${withArticle(role)} today. The new role applies from their next click, and the change is recorded.`
                : `${name} is signed out at once and cannot sign in until an admin enables the account again. The change is recorded.`,
              // Losing the right to share pauses what runs in their name.
              (confirming.kind === 'disable' || !can(confirming.role, 'shareCards')) && describeOwnedWorkPause(name, work),
            ]
              .filter(Boolean)
              .join(' ')}
          >
            <div className="flex flex-wrap justify-end gap-2">
              <DialogClose asChild>
                <Button variant="outline">Keep as it is</Button>
              </DialogClose>
              <Button variant={confirming.kind === 'disable' ? 'destructive' : 'default'} onClick={confirm}>
                {confirming.kind === 'role' ? `Make ${roleWord(confirming.role)}` : `Disable ${name}`}
              </Button>
            </div>
          </DialogContent>
        )}
      </Dialog>
    </div>
  );
}
