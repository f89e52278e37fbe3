'use client';

import type { QueryClient } from '@tanstack/react-query';
import { announceTopics } from '@/components/live/live-state';
import { refreshLiveQueries } from '@/components/live/refresh-queries';
import { LIVE_TOPICS, type LiveTopic } from '@/lib/live/topics';

/** Changes announced within this long are read together (a share touches three tables at once). */
const GATHER_MS = 50;
/** During a burst (a sync, 1 000 webhooks) the page reads again at most this often. */
const MIN_GAP_MS = 1_000;
const ALL_TOPICS = new Set(Object.keys(LIVE_TOPICS) as LiveTopic[]);

/** Collects announced topics and refreshes what the page shows: at once, then at most once a second. */
export function createRefresher(queryClient: QueryClient) {
  let pending = new Set<LiveTopic>();
  let everything = false;
  // Whether server-rendered pages render again too (not for the stream's first hello: the page was
  // just rendered, and some pages read Linq when they render).
  let pagesToo = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let lastRun = 0;

  const run = async () => {
    timer = undefined;
    const topics = everything ? ALL_TOPICS : pending;
    const forPages = pagesToo ? topics : pending;
    pending = new Set();
    everything = false;
    pagesToo = false;
    running = true;
    lastRun = Date.now();
    if (forPages.size > 0) announceTopics(forPages);
    try {
      await refreshLiveQueries(queryClient, topics);
    } finally {
      running = false;
      if (pending.size > 0 || everything) schedule();
    }
  };
  const schedule = () => {
    if (timer || running) return;
    timer = setTimeout(run, Math.max(GATHER_MS, lastRun + MIN_GAP_MS - Date.now()));
  };
  return {
    add(topic: LiveTopic) {
      pending.add(topic);
      schedule();
    },
    /** Everything may have changed: after a reconnect or a resync (`pages`), or as the stream opens. */
    addAll({ pages }: { pages: boolean }) {
      everything = true;
      pagesToo ||= pages;
      schedule();
    },
    stop() {
      clearTimeout(timer);
    },
  };
}
