'use client';

import { Loader2, Pause, Play } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';
import { setAutoSharePauseAction } from '@/lib/actions/auto-share';

/** "Pause all automatic shares", or "Resume automatic shares" once paused. */
export function AutoSharePauseButton({ paused }: { paused: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const interactive = useHydrated();
  const toggle = () =>
    startTransition(async () => {
      const result = await setAutoSharePauseAction(!paused);
      if (result.ok) toast.success(result.message);
      else toast.error(result.error);
      router.refresh();
    });
  return (
    <Button variant={paused ? 'default' : 'outline'} onClick={toggle} disabled={pending || !interactive}>
      {pending ? <Loader2 className="animate-spin" aria-hidden /> : paused ? <Play aria-hidden /> : <Pause aria-hidden />}
      {paused ? 'Resume automatic shares' : 'Pause all automatic shares'}
    </Button>
  );
}
