'use client';

import type { QueryClient } from '@tanstack/react-query';
import { announceTopics } from '@/components/live/live-state';
import { liveTopicsOf, refreshLiveQueries } from '@/components/live/refresh-queries';
import { LIVE_TOPICS, type LiveTopic } from '@/lib/live/topics';

/** Changes announced within this long are read together (a share touches three tables at once). */
const GATHER_MS = 50;
/** During a burst (a sync, 1 000 webhooks) the page reads again at most this often. */
const MIN_GAP_MS = 1_000;
const ALL_TOPICS = new Set(Object.keys(LIVE_TOPICS) as LiveTopic[]);

/**
 * A query that appears this soon after a change of its topics is read again when it mounts: the
 * server may have read its first data (a page just navigated to) before the change, and the change's
 * refresh ran before the query existed (a run page opened as its run ended stayed at "21 of 22").
 */
const RECENT_CHANGE_MS = 30_000;

/** Collects announced topics and refreshes what the page shows: at once, then at most once a second. */
export function createRefresher(queryClient: QueryClient) {
  const changedAt = new Map<LiveTopic, number>();
  let everythingChangedAt = 0;
  const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'added') return;
    const recent = Date.now() - RECENT_CHANGE_MS;
    const topics = liveTopicsOf(event.query);
    if (topics.length === 0 || !topics.some((topic) => Math.max(changedAt.get(topic) ?? 0, everythingChangedAt) > recent)) return;
    // Marked stale, so that it is read when it mounts (after the cache has finished adding it).
    queueMicrotask(() => void queryClient.invalidateQueries({ queryKey: event.query.queryKey, exact: true }));
  });
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
      changedAt.set(topic, Date.now());
      pending.add(topic);
      schedule();
    },
    /** Everything may have changed: after a reconnect or a resync (`pages`), or as the stream opens. */
    addAll({ pages }: { pages: boolean }) {
      // (Not as the stream first opens: the pages' reads after that follow what it would announce.)
      if (pages) everythingChangedAt = Date.now();
      everything = true;
      pagesToo ||= pages;
      schedule();
    },
    stop() {
      clearTimeout(timer);
      unsubscribe();
    },
  };
}
