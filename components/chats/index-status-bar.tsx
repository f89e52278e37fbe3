'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Loader2, RefreshCw } from 'lucide-react';
import { useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { DateTime, RelativeTime } from '@/components/ui/date-time';
import { requestSyncAction } from '@/lib/actions/chats';
import type { IndexStatus } from '@/lib/chats/index-status';

const PHASES: Record<string, string> = {
  lines: 'reading your numbers and cards',
  crawl: 'listing chats',
  confirm_gone: 'checking chats Linq no longer lists',
  messages: 'reading messages of chats not checked yet',
};

/** How many chats the index holds, how fresh it is, and "Sync now". */
export function IndexStatusBar({ status, canSync }: { status: IndexStatus; canSync: boolean }) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const { running, webhooks } = status;

  function syncNow() {
    startTransition(async () => {
      const result = await requestSyncAction();
      if (result.ok) toast.success(result.message);
      else toast.error(result.error);
      await queryClient.invalidateQueries({ queryKey: ['chats'] });
    });
  }

  return (
    <section aria-label="Chat index" className="flex flex-wrap items-center justify-between gap-3 rounded-lg border bg-card px-4 py-3 text-sm">
      <p role="status" className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span>
          <strong className="tabular-nums">{status.indexed.toLocaleString('en')}</strong> chats indexed
          {status.unknownOutbound > 0 && <span className="text-muted-foreground"> ({status.unknownOutbound.toLocaleString('en')} still being checked)</span>}
        </span>
        <span className="text-muted-foreground">
          {running ? (
            <>
              <Loader2 className="mr-1 inline size-3.5 animate-spin" aria-hidden />
              {running.pausedUntil ? (
                <>
                  Sync paused by Linq until <DateTime value={running.pausedUntil} />
                </>
              ) : (
                <>
                  Syncing: {PHASES[running.phase] ?? running.phase} ({running.chatsSeen.toLocaleString('en')} listed,{' '}
                  {running.messagesRead.toLocaleString('en')} read)
                </>
              )}
            </>
          ) : status.lastSyncEndedAt ? (
            <>
              Last full sync {status.lastSyncFailed ? 'failed' : 'ended'} <RelativeTime value={status.lastSyncEndedAt} />
            </>
          ) : (
            'No full sync yet'
          )}
        </span>
        <span className="text-muted-foreground">
          {webhooks.connected ? (
            <>
              Webhooks live
              {webhooks.lastDeliveryAt && (
                <>
                  {' '}
                  (last delivery <RelativeTime value={webhooks.lastDeliveryAt} />)
                </>
              )}
            </>
          ) : (
            'Webhooks not connected: changes show after the next sync'
          )}
        </span>
      </p>
      {canSync && (
        <Button variant="outline" size="sm" onClick={syncNow} disabled={pending || running !== null}>
          {pending ? <Loader2 className="animate-spin" aria-hidden /> : <RefreshCw aria-hidden />}
          Sync now
        </Button>
      )}
    </section>
  );
}
