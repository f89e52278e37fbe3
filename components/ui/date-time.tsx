'use client';

import { useNow } from '@/components/hooks/use-now';
import { formatDateTime, formatRelative, formatTime } from '@/lib/format';

let viewerZone: string | undefined;

/** The viewer's time zone; null during the server render and hydration (UTC is shown then). */
export function useViewerTimeZone(): string | null {
  const now = useNow();
  if (!now) return null;
  // Read once per page load: every time on the page asks, and a new formatter each time is not free.
  viewerZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  return viewerZone;
}

/**
 * A moment in the viewer's own zone ("30 Nov 2026, 09:03 EST"), or later today as a clock time
 * (`timeOnly`); the server's UTC text until the page is hydrated.
 */
export function DateTime({ value, timeOnly = false }: { value: string | Date; timeOnly?: boolean }) {
  const zone = useViewerTimeZone() ?? 'UTC';
  const iso = new Date(value).toISOString();
  return (
    <time dateTime={iso} title={formatDateTime(iso, zone)}>
      {timeOnly ? formatTime(iso, zone) : formatDateTime(iso, zone)}
    </time>
  );
}

/** Past a week, "40 days ago" says less than the date itself. */
const RELATIVE_FOR_MS = 7 * 86_400_000;

/**
 * "2 hr. ago" once in the browser, with the full time in the viewer's zone on hover; the full time
 * before hydration and for moments more than a week away.
 */
export function RelativeTime({ value }: { value: string | Date }) {
  const now = useNow();
  const zone = useViewerTimeZone() ?? 'UTC';
  const iso = new Date(value).toISOString();
  const relative = now !== null && Math.abs(now.getTime() - Date.parse(iso)) < RELATIVE_FOR_MS;
  return (
    <time dateTime={iso} title={formatDateTime(iso, zone)}>
      {relative ? formatRelative(iso, now) : formatDateTime(iso, zone)}
    </time>
  );
}
