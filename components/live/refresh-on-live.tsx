'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { onLiveTopics } from '@/components/live/live-state';
import type { LiveTopic } from '@/lib/live/topics';

/** A server-rendered page is rendered again at most this often while its topics keep changing. */
const MIN_GAP_MS = 2_000;

/**
 * For what the server renders (the Overview, Settings, Cards, Staff): renders the page again when
 * one of its topics changes. Queries in the browser are refreshed by the stream itself.
 */
export function RefreshOnLive({ topics }: { topics: LiveTopic[] }) {
  const router = useRouter();
  const key = topics.join(',');
  useEffect(() => {
    const watched = new Set(key.split(','));
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onLiveTopics((changed) => {
      if (timer || ![...changed].some((topic) => watched.has(topic))) return;
      timer = setTimeout(
        () => {
          timer = undefined;
          last = Date.now();
          router.refresh();
        },
        Math.max(0, last + MIN_GAP_MS - Date.now()),
      );
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [key, router]);
  return null;
}
