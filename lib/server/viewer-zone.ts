import 'server-only';
import { cookies } from 'next/headers';
import { isTimeZone, VIEWER_ZONE_COOKIE } from '@/lib/time-zone';

/**
 * The viewer's time zone as their browser last said (a cookie), or null before it has: pages then
 * render in UTC and the browser brings them to its zone.
 */
export async function readViewerZone(): Promise<string | null> {
  const raw = (await cookies()).get(VIEWER_ZONE_COOKIE)?.value;
  if (!raw || raw.length > 96) return null;
  try {
    // Written encoded by the browser ("America%2FNew_York"); decoding twice changes no zone name.
    const value = decodeURIComponent(raw);
    return isTimeZone(value) ? value : null;
  } catch {
    return null;
  }
}
