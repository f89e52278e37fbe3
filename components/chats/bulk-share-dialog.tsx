'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { Loader2, Send } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { bulkPlanQuery } from '@/components/runs/run-queries';
import { Button } from '@/components/ui/button';
import { DialogClose, DialogContent } from '@/components/ui/dialog';
import { FormAlert } from '@/components/ui/form-alert';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { startBulkShareAction } from '@/lib/actions/runs';
import { formatCount } from '@/lib/format';
import { describeDuration } from '@/lib/runs/estimate';
import { reasonLabel } from '@/lib/runs/outcome';
import type { RunSelection } from '@/lib/validations/runs';

/**
 * Confirms a bulk share: what it would do now (per number, what is skipped and why, how long), from
 * the same query the run is made with; confirming makes the run and opens its page.
 */
export function BulkShareDialog({ selection, onStarted }: { selection: RunSelection; onStarted: () => void }) {
  const router = useRouter();
  const plan = useQuery(bulkPlanQuery(selection));
  const start = useMutation({
    mutationFn: () => startBulkShareAction(selection),
    onSuccess: (result) => {
      if (!result.ok) return toast.error(result.error);
      onStarted();
      toast.success(result.message, { action: { label: 'Open its progress', onClick: () => router.push(`/runs/${result.runId}`) } });
      router.push(`/runs/${result.runId}`);
    },
    onError: () => toast.error('The run could not be started: the console did not answer.', { description: 'Check your connection and try again.' }),
  });

  const toShare = plan.data?.plan.toShare ?? 0;
  const skipped = plan.data ? Object.entries(plan.data.plan.skipped).sort((a, b) => b[1] - a[1]) : [];

  return (
    <DialogContent
      title="Share the card with these chats?"
      description="Each chat gets the card of its own sending number. Eligibility is checked again for every chat as it is shared."
    >
      {plan.isPending && (
        <p className="flex items-center gap-2 text-sm text-muted-foreground" role="status">
          <Loader2 className="size-4 animate-spin" aria-hidden /> Counting the chats…
        </p>
      )}
      {plan.isError && <FormAlert>{plan.error.message}</FormAlert>}
      {plan.data && (
        <div className="flex flex-col gap-3 text-sm">
          <p className="text-base font-medium">
            {formatCount(toShare)} of {formatCount(plan.data.plan.total)} chats will receive the card.
          </p>
          {plan.data.limitedTo && <p>{plan.data.limitedTo}</p>}
          {plan.data.plan.perNumber.length > 0 && (
            <Table aria-label="Chats per sending number">
              <TableHeader>
                <TableRow>
                  <TableHead>Sending number</TableHead>
                  <TableHead className="text-right">To share</TableHead>
                  <TableHead className="text-right">Skipped</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {plan.data.plan.perNumber.map((line) => (
                  <TableRow key={line.phoneNumber ?? 'none'}>
                    <TableCell className="font-mono text-xs">{line.phoneNumber ?? 'No number'}</TableCell>
                    <TableCell className="text-right">{formatCount(line.toShare)}</TableCell>
                    <TableCell className="text-right">{formatCount(line.skipped)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {skipped.length > 0 && (
            <div>
              <p className="font-medium">Skipped, and why</p>
              <ul className="list-disc pl-5" aria-label="Skipped chats">
                {skipped.map(([reason, n]) => (
                  <li key={reason}>
                    {reasonLabel(reason)}: {formatCount(n)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {toShare > 0 && (
            <p className="text-muted-foreground">
              Expected duration: {describeDuration(plan.data.estimateSeconds)}. It runs in the background: you can leave this page.
            </p>
          )}
        </div>
      )}
      <div className="flex flex-wrap justify-end gap-2">
        <DialogClose asChild>
          <Button variant="outline">Cancel</Button>
        </DialogClose>
        <Button disabled={!plan.data || toShare === 0 || start.isPending} onClick={() => start.mutate()}>
          {start.isPending ? <Loader2 className="animate-spin" aria-hidden /> : <Send aria-hidden />}
          {plan.data ? `Share with ${formatCount(toShare)} ${toShare === 1 ? 'chat' : 'chats'}` : 'Share'}
        </Button>
      </div>
    </DialogContent>
  );
}
