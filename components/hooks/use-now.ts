'use client';

import { useEffect, useState } from 'react';

/**
 * The current time in the browser, ticking every `intervalMs`; null during the server render and
 * hydration, so that time-dependent text (relative times, cooldowns ending) never differs between
 * the two, which would make React throw the server's HTML away.
 */
export function useNow(intervalMs = 30_000): Date | null {
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
