'use client';

import { useQuery } from '@tanstack/react-query';
import { History } from 'lucide-react';
import { chatSharesQuery } from '@/components/chats/chat-queries';
import { SHARE_OUTCOMES } from '@/components/chats/share-outcomes';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { Skeleton } from '@/components/ui/skeleton';
import { formatDateTime } from '@/lib/format';

function Events({ chatId }: { chatId: string }) {
  const { data, isPending, isError, error } = useQuery(chatSharesQuery(chatId));
  if (isPending) return <Skeleton className="h-24" />;
  if (isError) return <p className="text-sm text-destructive">{error.message}</p>;
  if (data.length === 0) return <p className="text-sm text-muted-foreground">The card has never been shared into this chat from this console.</p>;
  return (
    <ol className="flex flex-col gap-3" aria-label="Share attempts">
      {data.map((event) => (
        <li key={event.id} className="rounded-lg border p-3 text-sm">
          <div className="flex items-center justify-between gap-2">
            <Badge tone={SHARE_OUTCOMES[event.outcome].tone}>{SHARE_OUTCOMES[event.outcome].label}</Badge>
            <time className="text-xs text-muted-foreground" dateTime={event.createdAt}>
              {formatDateTime(event.createdAt)}
            </time>
          </div>
          <p className="mt-1">
            By {event.actorName}
            {event.sendingNumber && <> from {event.sendingNumber}</>}
            {event.latencyMs !== null && <> in {event.latencyMs} ms</>}
          </p>
          {event.message && <p className="mt-1 text-muted-foreground">{event.message}</p>}
          {(event.linqCode || event.traceId) && (
            <p className="mt-1 text-xs text-muted-foreground">
              {event.linqCode && <>Linq code {event.linqCode}. </>}
              {event.traceId && <>Trace <code>{event.traceId}</code></>}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

export function ShareHistorySheet({ chatId, label }: { chatId: string; label: string }) {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={`Share history of ${label}`} title="Share history">
          <History />
        </Button>
      </DialogTrigger>
      <DialogContent placement="side" title="Share history" description={label}>
        <Events chatId={chatId} />
      </DialogContent>
    </Dialog>
  );
}
