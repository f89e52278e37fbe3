'use client';

import { ChatName, LastShared, type ChatLinesProps } from '@/components/chats/chat-line';
import { EligibilityCell } from '@/components/chats/eligibility-cell';
import { HealthBadge, ServiceBadge } from '@/components/chats/chat-badges';
import { RowShareStatus, ShareButton } from '@/components/chats/row-share-status';
import { ShareHistorySheet } from '@/components/chats/share-history-sheet';
import { RelativeTime } from '@/components/ui/date-time';

/** Chats on a phone: one card each, with Share in reach instead of behind a sideways scroll. */
export function ChatCards({ lines, canShare, selection, pageIds, onShare }: ChatLinesProps) {
  return (
    <div className="flex flex-col">
      {selection && (
        <label className="flex items-center gap-2 border-b px-4 py-3 text-sm">
          <input type="checkbox" className="size-4 accent-primary" checked={selection.pageSelected(pageIds)} onChange={(event) => selection.setPage(pageIds, event.target.checked)} />
          Select every chat on this page
        </label>
      )}
      <ul aria-label="Chats" className="divide-y">
        {lines.map(({ row, eligibility, share }) => (
          <li key={row.id} aria-label={row.label} className="flex flex-col gap-3 p-4">
            <div className="flex items-start gap-3">
              {selection && (
                <input
                  type="checkbox"
                  className="mt-1 size-4 shrink-0 accent-primary"
                  aria-label={`Select ${row.label}`}
                  checked={selection.isSelected(row.id)}
                  onChange={() => selection.toggle(row.id, pageIds)}
                />
              )}
              <div className="min-w-0 flex-1">
                <ChatName row={row} />
                <p className="font-mono text-xs text-muted-foreground">{row.sendingNumber ?? 'No sending number'}</p>
              </div>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <ServiceBadge service={row.facts.service} />
              <HealthBadge health={row.facts.health} />
            </div>
            <EligibilityCell eligibility={eligibility} label={row.label} />
            {share && <RowShareStatus chatId={row.id} label={row.label} share={share} layout="cards" onRetry={eligibility.eligible ? () => onShare(row) : undefined} />}
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs text-muted-foreground">
              <dt>Last activity</dt>
              <dd>
                <RelativeTime value={row.activityAt} />
              </dd>
              <dt>Last shared</dt>
              <dd>
                <LastShared row={row} eligibility={eligibility} />
              </dd>
            </dl>
            <div className="flex flex-wrap items-center gap-2">
              {canShare && <ShareButton label={row.label} disabled={!eligibility.eligible} sharing={share?.state === 'sharing'} onShare={() => onShare(row)} />}
              <ShareHistorySheet chatId={row.id} label={row.label} held={row.lastShareUncertain} canRelease={canShare} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
