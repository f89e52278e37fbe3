'use client';

import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { FormAlert } from '@/components/ui/form-alert';
import { RadioOption } from '@/components/ui/radio-option';
import { setStaffNumbers } from '@/lib/actions/staff';

/**
 * Staff → Numbers: an operator or a viewer sees and acts on every number, or only those chosen
 * (a shop's people on the shop's lines). `numbers` is null for every number.
 */
export function StaffNumbersDialog({
  id,
  name,
  numbers,
  accountNumbers,
}: {
  id: string;
  name: string;
  numbers: readonly string[] | null;
  accountNumbers: string[];
}) {
  const [open, setOpen] = useState(false);
  const [every, setEvery] = useState(numbers === null);
  const [chosen, setChosen] = useState<string[]>([...(numbers ?? [])]);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const reset = (nextOpen: boolean) => {
    setOpen(nextOpen);
    setEvery(numbers === null);
    setChosen([...(numbers ?? [])]);
    setError(null);
  };
  const toggle = (number: string, on: boolean) => setChosen((current) => (on ? [...current, number] : current.filter((n) => n !== number)));
  const save = () =>
    startTransition(async () => {
      const result = await setStaffNumbers(id, every ? { every: true } : { every: false, numbers: chosen });
      if (!result.ok) return setError(result.error);
      toast.success(result.message);
      setOpen(false);
    });
  // A number chosen earlier that the account no longer lists stays visible, so that it can be removed.
  const listed = [...new Set([...accountNumbers, ...chosen])].sort();

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          Numbers<span className="sr-only"> of {name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Numbers of ${name}`}
        description="What they see and act on: chats, counts, cards, history, runs, the Overview and Impact. Their runs, daily re-shares and automatic shares of other numbers stop."
      >
        <fieldset className="flex flex-col gap-2">
          <legend className="sr-only">Which numbers</legend>
          <RadioOption name={`numbers-${id}`} checked={every} onChange={() => setEvery(true)}>
            Every number
          </RadioOption>
          <RadioOption name={`numbers-${id}`} checked={!every} onChange={() => setEvery(false)}>
            Only these numbers
          </RadioOption>
        </fieldset>
        {!every && (
          <fieldset className="flex max-h-64 flex-col gap-1 overflow-y-auto pl-6">
            <legend className="sr-only">Their numbers</legend>
            {listed.length === 0 && <p className="text-sm text-muted-foreground">The account has no number yet: sync the chats first.</p>}
            {listed.map((number) => (
              <label key={number} className="flex items-center gap-2 font-mono text-sm">
                <input
                  type="checkbox"
                  className="accent-primary"
                  checked={chosen.includes(number)}
                  onChange={(event) => toggle(number, event.target.checked)}
                />
                {number}
              </label>
            ))}
          </fieldset>
        )}
        {error && <FormAlert>{error}</FormAlert>}
        <div className="flex flex-wrap justify-end gap-2">
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <Button disabled={pending} onClick={save}>
            Save numbers
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
