'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { liveStatus, setLiveStatus, setServerTime, useLiveStatus } from '@/components/live/live-state';
import { createRefresher } from '@/components/live/refresher';
import { isLiveTopic } from '@/lib/live/topics';

function serverTimeOf(event: MessageEvent<string>): number | null {
  try {
    const { serverTime } = JSON.parse(event.data) as { serverTime?: unknown };
    return typeof serverTime === 'number' ? serverTime : null;
  } catch {
    return null;
  }
}

function sessionEndOf(event: MessageEvent<string>): string {
  try {
    const { reason } = JSON.parse(event.data) as { reason?: unknown };
    return typeof reason === 'string' ? reason : 'expired';
  } catch {
    return 'expired';
  }
}

/**
 * The tab's one stream of changes (/api/live). Each change refreshes the queries that show it;
 * while the stream is down the queries poll instead, and the page says so. After a reconnect the
 * stream replays what was missed (Last-Event-ID), or asks for everything to be read again.
 */
function useLiveConnection(): void {
  const queryClient = useQueryClient();
  const router = useRouter();
  useEffect(() => {
    const refresher = createRefresher(queryClient);
    let source: EventSource | null = null;
    let lastEventId = '';
    let failures = 0;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;

    const goPaused = () => {
      if (liveStatus() === 'live') refresher.addAll({ pages: true });
      setLiveStatus('paused');
    };
    const open = () => {
      // A new stream after the browser gave up on the old one: the address carries where it stopped.
      source = new EventSource(lastEventId ? `/api/live?lastEventId=${encodeURIComponent(lastEventId)}` : '/api/live');
      source.addEventListener('hello', (event: MessageEvent<string>) => {
        const serverTime = serverTimeOf(event);
        if (serverTime) setServerTime(serverTime);
        if (event.lastEventId) lastEventId = event.lastEventId;
        failures = 0;
        // What the page shows was read before the stream opened, or while it was down: read it again
        // (server-rendered pages too, only after the stream was down).
        refresher.addAll({ pages: liveStatus() === 'paused' });
        setLiveStatus('live');
      });
      source.addEventListener('change', (event: MessageEvent<string>) => {
        if (event.lastEventId) lastEventId = event.lastEventId;
        try {
          const { topic } = JSON.parse(event.data) as { topic?: unknown };
          if (isLiveTopic(topic)) refresher.add(topic);
        } catch {
          refresher.addAll({ pages: true });
        }
      });
      source.addEventListener('clock', (event: MessageEvent<string>) => {
        const serverTime = serverTimeOf(event);
        if (serverTime) setServerTime(serverTime);
      });
      source.addEventListener('resync', () => refresher.addAll({ pages: true }));
      // The person's role changed: the page is rendered again without what the role lost (Share, Retry).
      source.addEventListener('role', () => {
        router.refresh();
        refresher.addAll({ pages: true });
      });
      // The session is over (disabled, password changed…): the sign-in page says why.
      source.addEventListener('ended', (event: MessageEvent<string>) => {
        source?.close();
        router.replace(`/login?ended=${encodeURIComponent(sessionEndOf(event))}`);
      });
      source.onerror = () => {
        goPaused();
        // The browser retries by itself unless the answer was a refusal or not a stream (CLOSED).
        if (source?.readyState !== EventSource.CLOSED) return;
        source.close();
        failures += 1;
        reopenTimer = setTimeout(open, Math.min(30_000, 1_000 * 2 ** Math.min(failures, 5)));
      };
    };

    open();
    return () => {
      clearTimeout(reopenTimer);
      source?.close();
      refresher.stop();
      setLiveStatus('connecting');
    };
  }, [queryClient, router]);
}

/** Keeps the tab connected, and says whether what it shows is live or being polled. */
export function LiveUpdates() {
  useLiveConnection();
  const status = useLiveStatus();
  return (
    <p role="status" className="flex items-center gap-2 text-xs text-muted-foreground">
      {status === 'live' && (
        <>
          <span aria-hidden className="size-2 rounded-full bg-success" />
          Live updates on
        </>
      )}
      {status === 'paused' && (
        <>
          <span aria-hidden className="size-2 rounded-full bg-warning" />
          <span className="text-foreground">Live updates paused: reconnecting. The page refreshes every few seconds meanwhile.</span>
        </>
      )}
    </p>
  );
}
