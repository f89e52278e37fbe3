'use client';

import { ChatActions, ChatFacts, ChatName, ChatShareStatus, LastShared, type ChatLinesProps } from '@/components/chats/chat-line';
import { EligibilityCell } from '@/components/chats/eligibility-cell';
import { RelativeTime } from '@/components/ui/date-time';

/** Chats on a phone or a tablet: one card each, with Share in reach instead of behind a sideways scroll. */
export function ChatCards({ lines, canShare, selection, pageIds, onShare }: ChatLinesProps) {
  return (
    <div className="flex flex-col">
      {selection && (
        <label className="flex items-center gap-2 border-b px-4 py-3 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-primary"
            checked={selection.pageSelected(pageIds)}
            onChange={(event) => selection.setPage(pageIds, event.target.checked)}
          />
          Select every chat on this page
        </label>
      )}
      <ul aria-label="Chats" className="divide-y">
        {lines.map((line) => {
          const { row, eligibility } = line;
          return (
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
                  <ChatName row={row} departed={line.departed} />
                  <ChatFacts row={row} />
                </div>
              </div>
              <EligibilityCell eligibility={eligibility} label={row.label} />
              <ChatShareStatus line={line} layout="cards" canShare={canShare} onShare={onShare} />
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
                <ChatActions line={line} canShare={canShare} onShare={onShare} />
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
