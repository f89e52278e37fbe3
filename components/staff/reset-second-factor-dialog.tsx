'use client';

import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { resetStaffSecondFactor } from '@/lib/actions/staff';

/** Staff → Reset second factor, for someone who lost their phone and their recovery codes. */
export function ResetSecondFactorDialog({ id, name }: { id: string; name: string }) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const reset = () =>
    startTransition(async () => {
      const result = await resetStaffSecondFactor(id);
      if (result.ok) toast.success(result.message);
      else toast.error(result.error);
      setOpen(false);
    });
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          Reset second factor<span className="sr-only"> of {name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Reset the second factor of ${name}?`}
        description={`${name}'s authenticator app, recovery codes and passkeys stop working. They sign in with their password alone, and set up a new second factor at once if the console requires one. Do this only once you are sure it is them asking. The change is recorded.`}
      >
        <div className="flex flex-wrap justify-end gap-2">
          <DialogClose asChild>
            <Button variant="outline">Keep it</Button>
          </DialogClose>
          <Button variant="destructive" disabled={pending} onClick={reset}>
            Reset second factor
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
