import { CloudOff } from 'lucide-react';
import type { StaffFacingError } from '@/lib/linq/error-messages';

/** A Linq read that failed, in the page's place: what happened and what to do. */
export function LinqErrorPanel({ error }: { error: StaffFacingError }) {
  return (
    <section aria-label="Linq unavailable" className="flex gap-3 rounded-lg border border-destructive/40 bg-destructive/10 p-4 text-sm">
      <CloudOff className="mt-0.5 size-5 shrink-0 text-destructive" aria-hidden />
      <div className="flex flex-col gap-1">
        <h2 className="font-semibold">{error.message}</h2>
        <p>{error.nextStep}</p>
        {error.retryable && <p className="text-muted-foreground">Reload the page to try again.</p>}
      </div>
    </section>
  );
}
