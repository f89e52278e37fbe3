'use client';

import { useQuery } from '@tanstack/react-query';
import { CheckCircle2, Clock, Loader2, RefreshCw, RotateCcw, XCircle } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { SETTLE_FOR_MS, settlingCardStatusQuery } from '@/components/cards/card-queries';
import { Button } from '@/components/ui/button';
import type { CardFormState } from '@/lib/actions/contact-cards';

// Each save's answer is a new state object: a watch per object, from when it was first seen.
interface Watch {
  id: number;
  startedAt: number;
}
const watches = new WeakMap<object, Watch>();
let lastWatchId = 0;
/** Before any save: one object, so that its watch keeps its id. */
const BEFORE_ANY_SAVE = {};

function watchOf(state: object): Watch {
  if (!watches.has(state)) watches.set(state, { id: ++lastWatchId, startedAt: Date.now() });
  return watches.get(state)!;
}

/**
 * Re-reads a card's status while Linq applies it; stops when it is active or a minute after the
 * watch began (by the clock). "Check again" starts another minute.
 */
function useSettlingStatus(phoneNumber: string, watching: boolean, saved: Watch) {
  // "Check again" starts a watch of its own (for this save only).
  const [again, setAgain] = useState<(Watch & { after: number }) | null>(null);
  const watch = again?.after === saved.id ? again : saved;
  const key = `${saved.id}:${watch.id}`;
  const query = useQuery({ ...settlingCardStatusQuery(phoneNumber, key, watch.startedAt), enabled: watching });
  const active = query.data?.status === 'active';
  const [expired, setExpired] = useState<string | null>(null);
  useEffect(() => {
    if (!watching || active) return;
    const timer = setTimeout(() => setExpired(key), Math.max(0, watch.startedAt + SETTLE_FOR_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [watching, active, key, watch.startedAt]);
  return {
    active,
    gaveUp: !active && expired === key && !query.isFetching,
    checkAgain: () => setAgain({ id: ++lastWatchId, startedAt: Date.now(), after: saved.id }),
  };
}

function Panel({ tone, icon, title, children }: { tone: 'success' | 'warning' | 'danger' | 'info'; icon: ReactNode; title: string; children?: ReactNode }) {
  const colors = {
    success: 'border-success/40 bg-success/10',
    warning: 'border-warning/50 bg-warning/10',
    danger: 'border-destructive/40 bg-destructive/10',
    info: 'border-border bg-muted/50',
  }[tone];
  return (
    <section
      aria-label="Save result"
      tabIndex={-1}
      data-form-result
      className={`flex gap-3 rounded-lg border p-4 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring ${colors}`}
    >
      <span className="mt-0.5 [&_svg]:size-4">{icon}</span>
      <div className="flex flex-col gap-1">
        <h2 className="font-semibold">{title}</h2>
        {children}
      </div>
    </section>
  );
}

export function CardSaveOutcome({
  phoneNumber,
  state,
  initiallyInactive,
  onRetry,
  busy,
}: {
  phoneNumber: string;
  state: CardFormState;
  initiallyInactive: boolean;
  onRetry?: () => void;
  busy: boolean;
}) {
  const router = useRouter();
  const waiting = (state?.ok && state.outcome === 'not_applied_yet') || (state === null && initiallyInactive);
  const { active, gaveUp, checkAgain } = useSettlingStatus(phoneNumber, waiting, watchOf(state ?? BEFORE_ANY_SAVE));
  useEffect(() => {
    if (waiting && active) router.refresh();
  }, [waiting, active, router]);

  const retry = onRetry && (
    <Button type="button" variant="outline" size="sm" className="mt-2 w-fit" onClick={onRetry} disabled={busy}>
      <RotateCcw aria-hidden /> Retry
    </Button>
  );

  if (waiting && active) {
    return <Panel tone="success" icon={<CheckCircle2 className="text-success" />} title="Applied: the card is active now" />;
  }
  if (waiting) {
    return (
      <Panel tone="warning" icon={<Clock />} title="Not applied yet">
        <p>{state?.ok ? state.message : `Linq holds a card for ${phoneNumber} but has not applied it to the line yet.`}</p>
        {gaveUp ? (
          <>
            <p>
              Still not applied after a minute, so the console stopped checking. Linq keeps the card and may still apply it; until it does, shares into this
              number’s chats are refused.
            </p>
            <p>Check again in a few minutes, or save the card again. If it stays like this, contact Linq support with the number.</p>
            <div className="flex flex-wrap gap-2">
              <Button type="button" variant="outline" size="sm" className="mt-2 w-fit" onClick={checkAgain}>
                <RefreshCw aria-hidden /> Check again
              </Button>
              {retry}
            </div>
          </>
        ) : (
          <>
            <p className="flex items-center gap-1 text-muted-foreground">
              <Loader2 className="size-3 animate-spin" aria-hidden /> Checking every few seconds, for a minute…
            </p>
            {retry}
          </>
        )}
      </Panel>
    );
  }
  if (!state) return null;
  if (state.ok) {
    return state.outcome === 'unchanged' ? (
      <Panel tone="info" icon={<CheckCircle2 />} title="Nothing to save">
        <p>{state.message}</p>
      </Panel>
    ) : (
      <Panel tone="success" icon={<CheckCircle2 className="text-success" />} title="Saved and active">
        <p>{state.message}</p>
      </Panel>
    );
  }
  if (state.fieldErrors)
    return (
      <Panel tone="danger" icon={<XCircle className="text-destructive" />} title="Not saved">
        <p>{state.error}</p>
      </Panel>
    );
  // Linq refused or failed the save (2022: it took the card but could not apply it yet).
  const notApplied = state.code === 2022;
  return (
    <Panel
      tone={notApplied ? 'warning' : 'danger'}
      icon={notApplied ? <Clock /> : <XCircle className="text-destructive" />}
      title={notApplied ? 'Not applied yet' : 'Not saved'}
    >
      <p>{state.error}</p>
      <p>{state.nextStep}</p>
      {(state.code || state.traceId) && (
        <p className="text-xs text-muted-foreground">
          {state.code && <>Linq code {state.code}. </>}
          {state.traceId && (
            <>
              Trace id <code>{state.traceId}</code>.
            </>
          )}
        </p>
      )}
      <p className="text-xs text-muted-foreground">Your changes are still in the form.</p>
      {state.retryable && retry}
    </Panel>
  );
}
