'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Ban, Pause, Play, RotateCcw, UserCheck } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { isActive } from '@/components/runs/run-queries';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { controlRunAction, retryFailedAction, takeOverRunAction, type RunActionResult } from '@/lib/actions/runs';
import { formatCount } from '@/lib/format';
import type { RunView } from '@/lib/runs/view';

/**
 * Pause, resume, cancel (with a confirmation), "Retry the failed ones" once it has ended (offered
 * once: then its page links the retry run), and an admin's take-over of a run whose owner left.
 */
export function RunControls({ run, canTakeOver }: { run: RunView; canTakeOver: boolean }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const after = (result: RunActionResult) => {
    if (!result.ok) toast.error(result.error);
    else toast.success(result.message);
    void queryClient.invalidateQueries({ queryKey: ['run', run.id] });
  };
  const control = useMutation({
    mutationFn: (action: 'pause' | 'resume' | 'cancel') => controlRunAction(run.id, action),
    onSuccess: (result) => {
      setConfirmCancel(false);
      after(result);
    },
    onError: () => toast.error('The console did not answer; try again.'),
  });
  const retry = useMutation({
    mutationFn: () => retryFailedAction(run.id),
    onSuccess: (result) => {
      after(result);
      if (result.ok) router.push(`/runs/${result.runId}`);
    },
    onError: () => toast.error('The console did not answer; try again.'),
  });
  const takeOver = useMutation({
    mutationFn: () => takeOverRunAction(run.id),
    onSuccess: after,
    onError: () => toast.error('The console did not answer; try again.'),
  });
  const busy = control.isPending || retry.isPending || takeOver.isPending;
  // A run whose owner can no longer share waits for an admin; resuming it as it is would be refused.
  const ownerGone = isActive(run) && !run.owner.canShare;

  return (
    <div className="flex flex-wrap gap-2">
      {run.status === 'RUNNING' && (
        <Button variant="outline" disabled={busy} onClick={() => control.mutate('pause')}>
          <Pause aria-hidden /> Pause
        </Button>
      )}
      {run.status === 'PAUSED' && !ownerGone && (
        <Button disabled={busy} onClick={() => control.mutate('resume')}>
          <Play aria-hidden /> Resume
        </Button>
      )}
      {ownerGone && canTakeOver && (
        <Button disabled={busy} onClick={() => takeOver.mutate()}>
          <UserCheck aria-hidden /> Take over from {run.owner.name}
        </Button>
      )}
      {isActive(run) && (
        <Dialog open={confirmCancel} onOpenChange={setConfirmCancel}>
          <DialogTrigger asChild disabled={busy}>
            <Button variant="outline">
              <Ban aria-hidden /> Cancel run
            </Button>
          </DialogTrigger>
          <DialogContent
            title="Cancel this run?"
            description={`The ${formatCount(run.counts.waiting)} chats not shared yet are skipped. Shares already sent stay sent. This cannot be undone.`}
          >
            <div className="flex flex-wrap justify-end gap-2">
              <DialogClose asChild>
                <Button variant="outline">Keep running</Button>
              </DialogClose>
              <Button variant="destructive" disabled={busy} onClick={() => control.mutate('cancel')}>
                Cancel run
              </Button>
            </div>
          </DialogContent>
        </Dialog>
      )}
      {!run.retriedByRunId && !isActive(run) && run.counts.failed > 0 && (
        <Button variant="outline" disabled={busy} onClick={() => retry.mutate()}>
          <RotateCcw aria-hidden /> Retry the failed ones
        </Button>
      )}
    </div>
  );
}
