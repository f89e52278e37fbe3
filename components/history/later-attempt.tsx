'use client';

import { DateTime } from '@/components/ui/date-time';
import type { ShareHistoryRow } from '@/lib/history/shares';

const LATER_WORDS: Record<NonNullable<ShareHistoryRow['supersededBy']>['outcome'], string> = {
  SUCCEEDED: 'shared',
  FAILED: 'failed again',
  REFUSED: 'refused',
  UNKNOWN: 'outcome unknown',
};

/** "Retried → shared 12:03": this attempt no longer counts; a later one settled the chat. */
export function LaterAttempt({ later }: { later: NonNullable<ShareHistoryRow['supersededBy']> }) {
  return (
    <p className="mt-1 text-xs text-muted-foreground">
      Retried → {LATER_WORDS[later.outcome]} <DateTime value={later.at} timeOnly />
    </p>
  );
}
