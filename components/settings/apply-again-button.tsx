'use client';

import { Loader2, RotateCcw } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';
import { applyDeliveryAgainAction } from '@/lib/actions/settings';

/** Applies a delivery that failed to apply again; the row then says how it went (the page is live). */
export function ApplyAgainButton({ deliveryId, label }: { deliveryId: string; label: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const applyAgain = () =>
    startTransition(async () => {
      const result = await applyDeliveryAgainAction(deliveryId);
      if (result.ok) toast.success(result.message);
      else toast.error(result.error);
      router.refresh();
    });
  return (
    <Button variant="outline" size="sm" onClick={applyAgain} disabled={pending || !hydrated} aria-label={`Apply again: ${label}`}>
      {pending ? <Loader2 className="animate-spin" aria-hidden /> : <RotateCcw aria-hidden />}
      Apply again
    </Button>
  );
}
