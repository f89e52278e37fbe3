'use client';

import { useQuery } from '@tanstack/react-query';
import { Loader2, RefreshCw } from 'lucide-react';
import { chatMessagesQuery } from '@/components/chats/chat-queries';
import { Button } from '@/components/ui/button';
import { RelativeTime } from '@/components/ui/date-time';
import { FormAlert } from '@/components/ui/form-alert';
import { cn } from '@/lib/utils';

/** The chat's last messages, newest first, as Linq has them now. */
export function ChatMessages({ chatId }: { chatId: string }) {
  const { data, isPending, isError, error, isFetching, refetch } = useQuery(chatMessagesQuery(chatId));
  return (
    <section aria-label="Last messages" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-muted-foreground">Read from Linq when this page opened; each read counts in your Linq budget.</p>
        <Button type="button" variant="outline" size="sm" onClick={() => void refetch()} disabled={isFetching}>
          {isFetching ? <Loader2 className="animate-spin" aria-hidden /> : <RefreshCw aria-hidden />} Read again
        </Button>
      </div>
      {isPending ? (
        <p role="status" className="flex items-center gap-2 text-sm text-muted-foreground">
          <Loader2 className="size-4 animate-spin" aria-hidden /> Reading the messages from Linq…
        </p>
      ) : isError ? (
        <FormAlert>{error.message}</FormAlert>
      ) : data.messages.length === 0 ? (
        <p className="text-sm text-muted-foreground">Linq has no messages in this chat (lines on the ephemeral tier keep them 24 hours).</p>
      ) : (
        <ol className="flex flex-col gap-2" aria-label="Messages, newest first">
          {data.messages.map((message) => (
            <li key={message.id} className={cn('flex flex-col gap-0.5', message.isFromMe ? 'items-end' : 'items-start')}>
              <p
                className={cn(
                  'max-w-[80%] rounded-2xl px-3 py-2 text-sm break-words',
                  message.isFromMe ? 'bg-primary text-primary-foreground' : 'bg-muted text-foreground',
                )}
              >
                {message.text ?? <span className="italic">A photo, file or other attachment</span>}
              </p>
              <p className="text-xs text-muted-foreground">
                {message.isFromMe ? 'You' : 'The customer'}, <RelativeTime value={message.createdAt} />
              </p>
            </li>
          ))}
        </ol>
      )}
      {data && !data.complete && (
        <p className="text-xs text-muted-foreground">
          Linq lists this chat’s messages oldest first and has more than the console reads at once: these are the latest of those it read.
        </p>
      )}
    </section>
  );
}
