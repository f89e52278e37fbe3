'use client';

import { useSyncExternalStore } from 'react';
import { serverNow, subscribeLiveState } from '@/components/live/live-state';

// One clock for the whole page, ticking while anything shows a time that depends on it. It runs
// on the server's time (measured from the live stream), so that a time the server just wrote is
// never in the future on screen.
let now = 0;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
let stopFollowingServer: (() => void) | undefined;

function tick(): void {
  now = serverNow();
  for (const notify of listeners) notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // The first subscriber starts the clock; React reads the snapshot again after subscribing.
  if (!timer) now = serverNow();
  timer ??= setInterval(tick, 30_000);
  stopFollowingServer ??= subscribeLiveState(tick);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
      stopFollowingServer?.();
      stopFollowingServer = undefined;
    }
  };
}

/**
 * The current time (by the server's clock), ticking every 30 s; null during the server render and
 * hydration, so that time-dependent text (relative times, cooldowns ending) never differs between
 * the two, which would make React throw the server's HTML away.
 */
export function useNow(): Date | null {
  const time = useSyncExternalStore(
    subscribe,
    () => now,
    () => 0,
  );
  return time === 0 ? null : new Date(time);
}
