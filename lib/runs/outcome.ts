// What one share's result means for a run's item. Pure: the run processor applies it.
import type { ShareResult } from '@/lib/shares/share-chat';

export type ItemState = 'PENDING' | 'RETRY' | 'SHARED' | 'REFUSED' | 'FAILED' | 'UNKNOWN';

/** Tries in all for a share Linq failed on its side (a 5xx): the first, then two more, later. */
export const MAX_ATTEMPTS = 3;
/** Waits before each retry: 30 s, then 2 minutes. */
const RETRY_DELAYS_MS = [30_000, 120_000];
/** A 429 without a Retry-After: wait this long. */
export const DEFAULT_PAUSE_SECONDS = 30;

export interface ItemOutcome {
  state: ItemState;
  /** A short code for the report: cooldown, no_card, timeout, linq_3006… */
  reason: string | null;
  /** For RETRY: when to try again. */
  retryInMs?: number;
  /** Linq asked the whole run to slow down (429): wait this many seconds; the item goes back in line. */
  pauseSeconds?: number;
}

/** `attempt`: this result's attempt, counting from 1. */
export function itemOutcome(result: ShareResult, attempt: number): ItemOutcome {
  switch (result.status) {
    case 'shared':
      return { state: 'SHARED', reason: null };
    case 'unknown':
      return { state: 'UNKNOWN', reason: 'timeout' };
    case 'refused':
      return { state: 'REFUSED', reason: result.code };
    case 'failed': {
      const facts = result.facts;
      if (facts?.status === 429) return { state: 'PENDING', reason: null, pauseSeconds: facts.retryAfterSeconds ?? DEFAULT_PAUSE_SECONDS };
      const code = facts?.code ? `linq_${facts.code}` : facts?.status ? `http_${facts.status}` : `linq_${facts?.kind ?? 'error'}`;
      const passing = facts?.kind === 'connection' || (facts?.status !== undefined && facts.status >= 500);
      if (passing && attempt < MAX_ATTEMPTS) return { state: 'RETRY', reason: code, retryInMs: RETRY_DELAYS_MS[attempt - 1] ?? RETRY_DELAYS_MS.at(-1)! };
      return { state: 'FAILED', reason: code };
    }
  }
}

/** The report's words for each reason code. */
export const REASON_LABELS: Record<string, string> = {
  cooldown: 'shared within the cooldown',
  no_card: 'no active card',
  no_outbound: 'no message sent yet',
  not_imessage: 'not iMessage',
  opted_out: 'opted out',
  left: 'number left the chat',
  unconfirmed: 'could not be confirmed',
  unknown_chat: 'not in the console’s index',
  gone: 'gone from Linq',
  in_flight: 'another share in progress',
  timeout: 'Linq did not answer in time',
  interrupted: 'the console stopped mid-share',
  cancelled: 'run cancelled',
  critical: 'critical health',
  flagged: 'number flagged by Linq',
};

export function reasonLabel(reason: string | null): string {
  if (!reason) return 'other';
  if (REASON_LABELS[reason]) return REASON_LABELS[reason];
  const linq = /^linq_(\d+)$/.exec(reason)?.[1];
  if (linq) return `Linq ${linq}`;
  const http = /^http_(\d+)$/.exec(reason)?.[1];
  return http ? `HTTP ${http}` : reason.replace(/^linq_/, 'Linq ');
}
