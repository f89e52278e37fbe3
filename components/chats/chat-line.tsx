import { Users } from 'lucide-react';
import Link from 'next/link';
import { HealthBadge, ServiceBadge } from '@/components/chats/chat-badges';
import { RowShareStatus, ShareButton } from '@/components/chats/row-share-status';
import { ShareHistorySheet } from '@/components/chats/share-history-sheet';
import type { ChatSelectionState } from '@/components/chats/use-chat-selection';
import type { RowShare } from '@/components/chats/use-row-shares';
import { DateTime, RelativeTime } from '@/components/ui/date-time';
import type { Eligibility } from '@/lib/chats/eligibility';
import type { ChatRow } from '@/lib/chats/index-query';

// What the wide table and the phone cards show of a chat, in one place.

/** One chat as both layouts show it. */
export interface ChatLine {
  row: ChatRow;
  eligibility: Eligibility;
  share: RowShare | undefined;
  /** Kept on screen after a change took it out of the view: it leaves on the next page change. */
  departed?: boolean;
}

export interface ChatLinesProps {
  lines: ChatLine[];
  canShare: boolean;
  selection?: ChatSelectionState;
  pageIds: string[];
  onShare: (row: ChatRow) => void;
}

export function ChatName({ row, departed = false }: { row: ChatRow; departed?: boolean }) {
  return (
    <>
      {departed && <p className="text-xs font-medium text-muted-foreground">No longer matches this view</p>}
      <div className="flex items-center gap-1.5 font-medium">
        {row.facts.isGroup && <Users className="size-3.5 shrink-0 text-muted-foreground" aria-label="Group chat" />}
        {/* The chat's panel: its facts, shares and last messages, at an address of its own. */}
        <Link href={`/chats/${encodeURIComponent(row.id)}`} className="truncate underline-offset-2 hover:underline" title={row.label}>
          {row.label}
        </Link>
      </div>
      {row.label !== row.participants.join(', ') && <p className="truncate text-xs text-muted-foreground">{row.participants.join(', ')}</p>}
    </>
  );
}

/** The chat's sending number, service and health, on one line under its name. */
export function ChatFacts({ row }: { row: ChatRow }) {
  return (
    <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1">
      <span className="font-mono text-xs text-muted-foreground">{row.sendingNumber ?? 'No sending number'}</span>
      <ServiceBadge service={row.facts.service} />
      <HealthBadge health={row.facts.health} />
    </div>
  );
}

export function LastShared({ row, eligibility }: { row: ChatRow; eligibility: Eligibility }) {
  return (
    <>
      <p>{row.lastSharedAt ? <RelativeTime value={row.lastSharedAt} /> : 'Never'}</p>
      {eligibility.nextEligibleAt && (
        <p>
          Next: <DateTime value={eligibility.nextEligibleAt} />
        </p>
      )}
    </>
  );
}

/** The row's share status, with Retry while the chat is still eligible and the person may share. */
export function ChatShareStatus({
  line,
  layout,
  canShare,
  onShare,
}: {
  line: ChatLine;
  layout: 'table' | 'cards';
  canShare: boolean;
  onShare: (row: ChatRow) => void;
}) {
  const { row, eligibility, share } = line;
  if (!share) return null;
  const retryable = canShare && eligibility.eligible && (share.state !== 'failed' || share.retryable);
  return <RowShareStatus chatId={row.id} label={row.label} share={share} layout={layout} onRetry={retryable ? () => onShare(row) : undefined} />;
}

/** Share (operators and admins) and the chat's share history. */
export function ChatActions({ line, canShare, onShare }: { line: ChatLine; canShare: boolean; onShare: (row: ChatRow) => void }) {
  const { row, eligibility, share } = line;
  return (
    <>
      {canShare && <ShareButton label={row.label} disabled={!eligibility.eligible} sharing={share?.state === 'sharing'} onShare={() => onShare(row)} />}
      <ShareHistorySheet chatId={row.id} label={row.label} held={row.lastShareUncertain} canRelease={canShare} />
    </>
  );
}
