'use client';

import { useSyncExternalStore } from 'react';

// One clock for the whole page, ticking while anything shows a time that depends on it.
let now = typeof window === 'undefined' ? 0 : Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // The first subscriber starts the clock from the real time; React reads the snapshot again after subscribing.
  if (!timer) now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    for (const notify of listeners) notify();
  }, 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/**
 * The current time in the browser, ticking every 30 s; null during the server render and hydration,
 * so that time-dependent text (relative times, cooldowns ending) never differs between the two,
 * which would make React throw the server's HTML away.
 */
export function useNow(): Date | null {
  const time = useSyncExternalStore(
    subscribe,
    () => now,
    () => 0,
  );
  return time === 0 ? null : new Date(time);
}
