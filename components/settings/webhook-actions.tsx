'use client';

import { Loader2, PlugZap, Unplug } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { connectWebhooksAction, disconnectWebhooksAction, type SettingsActionResult } from '@/lib/actions/settings';

function report(result: SettingsActionResult) {
  if (result.ok) toast.success(result.message);
  else toast.error(result.error, { description: [result.nextStep, result.traceId && `Trace ${result.traceId}`].filter(Boolean).join(' ') || undefined });
}

/** Connect, or Disconnect after a confirmation naming what stops. */
export function WebhookActions({ subscriptionId, targetUrl }: { subscriptionId: string | null; targetUrl: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [open, setOpen] = useState(false);
  const run = (action: () => Promise<SettingsActionResult>) =>
    startTransition(async () => {
      report(await action());
      setOpen(false);
      router.refresh();
    });

  if (!subscriptionId) {
    return (
      <Button onClick={() => run(() => connectWebhooksAction(targetUrl))} disabled={pending}>
        {pending ? <Loader2 className="animate-spin" aria-hidden /> : <PlugZap aria-hidden />}
        Connect
      </Button>
    );
  }
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <Unplug aria-hidden />
          Disconnect
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Disconnect webhooks?"
        description={`Linq stops sending events to ${targetUrl}. Chats then change in the console only after each full sync.`}
      >
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="outline">Keep connected</Button>
          </DialogClose>
          <Button variant="destructive" onClick={() => run(() => disconnectWebhooksAction(subscriptionId))} disabled={pending}>
            {pending && <Loader2 className="animate-spin" aria-hidden />}
            Disconnect
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
