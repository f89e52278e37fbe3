'use client';

import { useRouter } from 'next/navigation';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useNow } from '@/components/hooks/use-now';
import { formatDateTime, formatRelative, formatTime } from '@/lib/format';
import { VIEWER_ZONE_COOKIE } from '@/lib/time-zone';

let viewerZone: string | undefined;

/** The browser's zone, read once per page load (every time on the page asks; a formatter is not free). */
function browserZone(): string {
  viewerZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  return viewerZone;
}

/** Tells the server the browser's zone for the next pages (the sign-in page does it too); returns it. */
export function rememberBrowserZone(): string {
  const zone = browserZone();
  const cookie = `${VIEWER_ZONE_COOKIE}=${encodeURIComponent(zone)}`;
  if (!document.cookie.split('; ').includes(cookie)) document.cookie = `${cookie}; path=/; max-age=31536000; samesite=lax`;
  return zone;
}

/** The zone the server rendered in: the viewer's, from their cookie (null before their first page). */
const RenderedZone = createContext<string | null>(null);

/**
 * Gives the zone the server rendered in (the viewer's cookie) to the times of the page, so that
 * they are the viewer's from the first byte. The cookie is kept in step by rememberBrowserZone.
 */
export function ViewerZoneProvider({ zone, children }: { zone: string | null; children: ReactNode }) {
  return <RenderedZone value={zone}>{children}</RenderedZone>;
}

/** The page was rendered again once for the browser's zone: never twice (a refused cookie must not loop). */
let refreshedForZone = false;

/**
 * On a page whose figures the server counts in the viewer's days (the Overview): renders it again
 * once when the server did not know the browser's zone (a first visit, or after travelling).
 */
export function RenderInViewerZone({ zone }: { zone: string }) {
  const router = useRouter();
  useEffect(() => {
    if (rememberBrowserZone() === zone || refreshedForZone) return;
    refreshedForZone = true;
    router.refresh();
  }, [zone, router]);
  return null;
}

/**
 * The viewer's time zone: the browser's once hydrated; before that the one the server rendered in
 * (from the viewer's cookie), or null on a first visit (UTC is shown then).
 */
export function useViewerTimeZone(): string | null {
  const rendered = useContext(RenderedZone);
  const now = useNow();
  return now ? browserZone() : rendered;
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
