'use client';

import { Loader2, Send } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';
import { sendTestAlertAction } from '@/lib/actions/alerts';
import { CHANNEL_LABELS } from '@/lib/alerts/events';

/** Sends a test alert through one channel at once; the channel's status then says how it went. */
export function TestAlertButton({ channel, disabled }: { channel: 'EMAIL' | 'SLACK'; disabled: boolean }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const send = () =>
    startTransition(async () => {
      const result = await sendTestAlertAction(channel);
      if (result.ok) toast.success(result.message);
      else toast.error(result.error, { description: result.nextStep });
      router.refresh();
    });
  return (
    <Button variant="outline" onClick={send} disabled={disabled || pending || !hydrated}>
      {pending ? <Loader2 className="animate-spin" aria-hidden /> : <Send aria-hidden />}
      Send a test alert by {CHANNEL_LABELS[channel].toLowerCase()}
    </Button>
  );
}
