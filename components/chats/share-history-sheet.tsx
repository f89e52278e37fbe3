'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { History, Loader2, Unlock } from 'lucide-react';
import { useState, useTransition, type FormEvent } from 'react';
import { toast } from 'sonner';
import { chatSharesQuery } from '@/components/chats/chat-queries';
import { SHARE_OUTCOMES } from '@/components/chats/share-outcomes';
import { LaterAttempt } from '@/components/history/later-attempt';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { RelativeTime } from '@/components/ui/date-time';
import { Dialog, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { Skeleton } from '@/components/ui/skeleton';
import { TextField } from '@/components/ui/text-field';
import { releaseShareHoldAction } from '@/lib/actions/shares';
import { RELEASE_REASON_LIMITS } from '@/lib/shares/hold-release';

/** A chat's share attempts and released holds, newest first (its history sheet, its panel). */
export function ShareAttempts({ chatId }: { chatId: string }) {
  const { data, isPending, isError, error } = useQuery(chatSharesQuery(chatId));
  if (isPending) return <Skeleton className="h-24" />;
  if (isError) return <p className="text-sm text-destructive">{error.message}</p>;
  const entries = [
    ...data.events.map((event) => ({ at: event.createdAt, event, release: null })),
    ...data.releases.map((release) => ({ at: release.createdAt, event: null, release })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  if (entries.length === 0) return <p className="text-sm text-muted-foreground">The card has never been shared into this chat from this console.</p>;
  return (
    <ol className="flex flex-col gap-3" aria-label="Share attempts">
      {entries.map(({ event, release }) =>
        release ? (
          <li key={release.id} className="rounded-lg border border-dashed p-3 text-sm">
            <div className="flex items-center justify-between gap-2">
              <Badge tone="neutral">Hold released</Badge>
              <span className="text-xs text-muted-foreground">
                <RelativeTime value={release.createdAt} />
              </span>
            </div>
            <p className="mt-1">By {release.actorName}: the earlier share of unknown outcome is taken as not received.</p>
            {release.reason && <p className="mt-1 text-muted-foreground">Reason: {release.reason}</p>}
          </li>
        ) : (
          <li key={event!.id} className="rounded-lg border p-3 text-sm">
            <div className="flex items-center justify-between gap-2">
              <Badge tone={SHARE_OUTCOMES[event!.outcome].tone}>{SHARE_OUTCOMES[event!.outcome].label}</Badge>
              <span className="text-xs text-muted-foreground">
                <RelativeTime value={event!.createdAt} />
              </span>
            </div>
            <p className="mt-1">
              By {event!.actorName}
              {event!.sendingNumber && <> from {event!.sendingNumber}</>}
              {event!.latencyMs !== null && <> in {event!.latencyMs} ms</>}
            </p>
            {event!.message && <p className="mt-1 text-muted-foreground">{event!.message}</p>}
            {event!.supersededBy && <LaterAttempt later={event!.supersededBy} />}
            {(event!.linqCode || event!.traceId) && (
              <p className="mt-1 text-xs text-muted-foreground">
                {event!.linqCode && <>Linq code {event!.linqCode}. </>}
                {event!.traceId && (
                  <>
                    Trace <code>{event!.traceId}</code>
                  </>
                )}
              </p>
            )}
          </li>
        ),
      )}
    </ol>
  );
}

/**
 * Lets an operator take a share of unknown outcome as not received, with their reason, so the chat
 * can be shared again; the server refuses while the share could still reach Linq.
 */
export function ReleaseHold({ chatId }: { chatId: string }) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const release = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await releaseShareHoldAction(chatId, reason);
      setError(result.ok ? null : result.error);
      if (!result.ok) return;
      toast.success(result.message);
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['chats'] }), queryClient.invalidateQueries({ queryKey: ['chat-shares', chatId] })]);
    });
  };
  return (
    <form onSubmit={release} className="flex flex-col gap-2 rounded-lg border border-warning/50 bg-warning/10 p-3 text-sm" aria-label="Release the hold">
      <p>
        Linq did not answer in time when the card was last shared, so the chat is held as if it had been shared. If you know the card did not arrive (the
        customer says so), release the hold to share again now. It can be released once the share can no longer reach Linq.
      </p>
      <TextField
        id={`release-reason-${chatId}`}
        label="Why you believe it did not arrive"
        value={reason}
        onChange={(change) => setReason(change.target.value)}
        errors={error ? [error] : undefined}
        maxLength={RELEASE_REASON_LIMITS.max}
        required
        minLength={RELEASE_REASON_LIMITS.min}
      />
      <Button type="submit" variant="outline" size="sm" className="self-start" disabled={pending}>
        {pending ? <Loader2 className="animate-spin" aria-hidden /> : <Unlock aria-hidden />}
        Release the hold
      </Button>
    </form>
  );
}

export function ShareHistorySheet({ chatId, label, held, canRelease }: { chatId: string; label: string; held: boolean; canRelease: boolean }) {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={`Share history of ${label}`} title="Share history">
          <History />
        </Button>
      </DialogTrigger>
      <DialogContent placement="side" title="Share history" description={label}>
        {held && canRelease && <ReleaseHold chatId={chatId} />}
        <ShareAttempts chatId={chatId} />
      </DialogContent>
    </Dialog>
  );
}
