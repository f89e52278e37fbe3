// How long a run should take, and how long it has left. Pure.

/** Linq calls one share makes in a run: the chat, then the share (cards are read once per number). */
export const CALLS_PER_SHARE = 2;
/** A Linq round trip, when the console has not measured one yet. */
export const ASSUMED_CALL_MS = 250;

/** Seconds for `chats` shares, `concurrency` at a time. */
export function estimateSeconds(chats: number, concurrency: number, callMs = ASSUMED_CALL_MS): number {
  if (chats <= 0) return 0;
  return Math.ceil((chats * CALLS_PER_SHARE * callMs) / Math.max(1, concurrency) / 1000);
}

/** "under a minute", "about 4 minutes", "about 2 hours 10 minutes". */
export function describeDuration(seconds: number): string {
  if (seconds < 60) return 'under a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${hours} hour${hours === 1 ? '' : 's'}${rest ? ` ${rest} minute${rest === 1 ? '' : 's'}` : ''}`;
}

export interface RunPace {
  /** Chats done per minute since the run began, or null before there is anything to measure. */
  perMinute: number | null;
  /** Seconds left at that pace, or null. */
  secondsLeft: number | null;
}

/** The pace of a run from its progress so far. `activeMs`: time it has been running. */
export function runPace(done: number, remaining: number, activeMs: number): RunPace {
  if (done === 0 || activeMs < 1000) return { perMinute: null, secondsLeft: null };
  const perMs = done / activeMs;
  return { perMinute: Math.round(perMs * 60_000), secondsLeft: remaining === 0 ? 0 : Math.ceil(remaining / perMs / 1000) };
}
