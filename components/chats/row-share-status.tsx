'use client';

import { Loader2, RotateCcw, Send } from 'lucide-react';
import { shareStatusId, type RowShare } from '@/components/chats/use-row-shares';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';

/**
 * What the row's last Share did: "Sharing…" while Linq answers, then shared, unknown or failed with
 * the reason. A live region, so screen readers hear the answer; focusable, so focus can rest on it.
 */
export function RowShareStatus({
  chatId,
  label,
  share,
  layout,
  onRetry,
}: {
  chatId: string;
  label: string;
  share: RowShare;
  layout: 'table' | 'cards';
  onRetry?: () => void;
}) {
  return (
    <div
      id={shareStatusId(chatId, layout)}
      tabIndex={-1}
      role="status"
      aria-label={`Share with ${label}`}
      className="flex max-w-72 flex-col gap-1 rounded text-xs outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      {share.state === 'sharing' && (
        <Badge tone="neutral" className="w-fit">
          <Loader2 className="animate-spin" aria-hidden /> Sharing…
        </Badge>
      )}
      {share.state === 'shared' && (
        <Badge tone="success" className="w-fit">
          Shared just now
        </Badge>
      )}
      {share.state === 'unknown' && (
        <>
          <Badge tone="warning" className="w-fit">
            Unknown outcome
          </Badge>
          <p className="text-muted-foreground">{share.message}</p>
        </>
      )}
      {share.state === 'failed' && (
        <>
          <Badge tone="danger" className="w-fit">
            Share failed
          </Badge>
          <p>{share.message}</p>
          {share.nextStep && <p className="text-muted-foreground">{share.nextStep}</p>}
          {share.traceId && (
            <p className="text-muted-foreground">
              Trace id <code>{share.traceId}</code>
            </p>
          )}
          {onRetry && (
            <Button type="button" size="sm" variant="outline" className="w-fit" onClick={onRetry} aria-label={`Retry the share with ${label}`}>
              <RotateCcw aria-hidden /> Retry
            </Button>
          )}
        </>
      )}
    </div>
  );
}

export function ShareButton({ label, disabled, sharing, onShare }: { label: string; disabled: boolean; sharing: boolean; onShare: () => void }) {
  return (
    <Button size="sm" disabled={disabled || sharing} onClick={onShare} aria-label={`Share the card into ${label}`}>
      {sharing ? <Loader2 className="animate-spin" aria-hidden /> : <Send aria-hidden />}
      Share
    </Button>
  );
}
