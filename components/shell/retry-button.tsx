'use client';

import { Loader2, RotateCcw } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Button } from '@/components/ui/button';

/** Reads the page again from the server, keeping its address (and so its filters) and what is on screen meanwhile. */
export function RetryButton() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button type="button" variant="outline" size="sm" className="w-fit" disabled={pending} onClick={() => startTransition(() => router.refresh())}>
      {pending ? <Loader2 className="animate-spin" aria-hidden /> : <RotateCcw aria-hidden />}
      {pending ? 'Trying again…' : 'Retry'}
    </Button>
  );
}
