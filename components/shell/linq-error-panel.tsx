import { CloudOff } from 'lucide-react';
import { RetryButton } from '@/components/shell/retry-button';
import type { LinqReadError } from '@/lib/linq/read';

/** A Linq read that failed, in the page's place: what happened, what to do, the references, and Retry. */
export function LinqErrorPanel({ error }: { error: LinqReadError }) {
  return (
    <section aria-label="Linq unavailable" className="flex gap-3 rounded-lg border border-destructive/40 bg-destructive/10 p-4 text-sm">
      <CloudOff className="mt-0.5 size-5 shrink-0 text-destructive" aria-hidden />
      <div className="flex min-w-0 flex-col gap-2">
        <h2 className="font-semibold">{error.message}</h2>
        <p>{error.nextStep}</p>
        {(error.code || error.traceId) && (
          <p className="text-xs text-muted-foreground">
            {error.code && <>Linq code {error.code}. </>}
            {error.traceId && (
              <>
                Trace id <code className="break-all">{error.traceId}</code>.
              </>
            )}
          </p>
        )}
        {error.retryable && <RetryButton />}
      </div>
    </section>
  );
}
