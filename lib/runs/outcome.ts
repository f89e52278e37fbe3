// What one share's result means for a run's item. Pure: the run processor applies it.
import { failureReason, type LinqErrorFacts } from '@/lib/linq/error-facts';
import { LINQ_ERROR_MESSAGES } from '@/lib/linq/error-messages';
import { waitSeconds } from '@/lib/linq/limits';
import type { ShareResult } from '@/lib/shares/share-chat';

export type ItemState = 'PENDING' | 'RETRY' | 'SHARED' | 'REFUSED' | 'FAILED' | 'UNKNOWN';

/** Tries in all for a share Linq failed on its side (a 5xx): the first, then two more, later. */
export const MAX_ATTEMPTS = 3;
/** Waits before each retry: 30 s, then 2 minutes. */
const RETRY_DELAYS_MS = [30_000, 120_000];

export interface ItemOutcome {
  state: ItemState;
  /** A short code for the report: cooldown, no_card, timeout, linq_3006… */
  reason: string | null;
  /** For RETRY: when to try again. */
  retryInMs?: number;
  /** Linq asked the whole run to slow down (429): wait this many seconds; the item goes back in line. */
  pauseSeconds?: number;
}

/** The wait before trying a chat again after its `attempt`-th try failed in passing. */
export function retryDelayMs(attempt: number): number {
  return RETRY_DELAYS_MS[attempt - 1] ?? RETRY_DELAYS_MS.at(-1)!;
}

/** A failed share, from what Linq answered: paused (429), tried again later (5xx, no connection), or failed for good. */
function failedOutcome(facts: Pick<LinqErrorFacts, 'kind' | 'code' | 'status' | 'retryAfterSeconds'>, attempt: number): ItemOutcome {
  if (facts.status === 429) return { state: 'PENDING', reason: null, pauseSeconds: waitSeconds(facts) };
  const reason = failureReason(facts);
  const passing = facts.kind === 'connection' || (facts.status !== undefined && facts.status >= 500);
  if (passing && attempt < MAX_ATTEMPTS) return { state: 'RETRY', reason, retryInMs: retryDelayMs(attempt) };
  return { state: 'FAILED', reason };
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
    case 'failed':
      return failedOutcome(result.facts ?? { kind: 'api' }, attempt);
  }
}

/** What a settled attempt's ShareEvent says, as a slice finds it after the console stopped mid-share. */
export interface RecordedAttempt {
  outcome: 'SUCCEEDED' | 'FAILED' | 'REFUSED' | 'UNKNOWN';
  reason: string | null;
  httpStatus: number | null;
  linqCode: number | null;
}

/**
 * The item's outcome from its attempt's settled event. A 429 puts the chat back in line without
 * spending the attempt (the run's pause was lost with the slice).
 */
export function recordedOutcome(event: RecordedAttempt, attempt: number): ItemOutcome {
  switch (event.outcome) {
    case 'SUCCEEDED':
      return { state: 'SHARED', reason: null };
    case 'UNKNOWN':
      return { state: 'UNKNOWN', reason: event.reason ?? 'timeout' };
    case 'REFUSED':
      return { state: 'REFUSED', reason: event.reason ?? 'interrupted' };
    case 'FAILED': {
      const kind = event.reason === 'linq_connection' ? 'connection' : event.reason === 'linq_timeout' ? 'timeout' : 'api';
      const outcome = failedOutcome({ kind, code: event.linqCode ?? undefined, status: event.httpStatus ?? undefined }, attempt);
      // A console error is not Linq's: tried again like a passing failure.
      if (event.reason === 'console_error' || event.reason === 'interrupted') {
        return attempt < MAX_ATTEMPTS ? { state: 'RETRY', reason: event.reason, retryInMs: retryDelayMs(attempt) } : { state: 'FAILED', reason: event.reason };
      }
      return outcome.pauseSeconds !== undefined ? { state: 'PENDING', reason: null, pauseSeconds: 0 } : outcome;
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
  in_other_run: 'already in a run in progress',
  console_error: 'the console failed while sharing',
  timeout: 'Linq did not answer in time',
  linq_timeout: 'Linq did not answer in time',
  linq_connection: 'the console could not reach Linq',
  interrupted: 'the console stopped mid-share',
  cancelled: 'run cancelled',
  critical: 'critical health',
  flagged: 'number flagged by Linq',
};

/** What a Linq code means, in a few words, for a report: a share sends nothing staff typed. */
function linqReasonWords(code: number): string {
  if (code === 1007) return 'Linq’s rate limit';
  if (code >= 1000 && code < 2000) return 'Linq refused the request';
  const entry = LINQ_ERROR_MESSAGES[code];
  return entry ? entry({}).message.replace(/\.$/, '') : 'Linq answered with an error';
}

function httpReasonWords(status: number): string {
  if (status === 429) return 'Linq’s rate limit';
  if (status >= 500) return 'Linq was unavailable';
  return 'Linq refused the request';
}

/** "no active card", "Linq refused the request (1005)", "Linq was unavailable (HTTP 503)". */
export function reasonLabel(reason: string | null): string {
  if (!reason) return 'other';
  if (REASON_LABELS[reason]) return REASON_LABELS[reason];
  const linq = /^linq_(\d+)$/.exec(reason)?.[1];
  if (linq) return `${linqReasonWords(Number(linq))} (${linq})`;
  const http = /^http_(\d+)$/.exec(reason)?.[1];
  if (http) return `${httpReasonWords(Number(http))} (HTTP ${http})`;
  return reason;
}
