'use client';

import { notifyManager, type Query, type QueryClient, type QueryFunctionContext } from '@tanstack/react-query';
import type { LiveTopic } from '@/lib/live/topics';

/** The topics a query shows, in its `meta`: the live stream refreshes it when one changes. */
export function liveMeta(...topics: LiveTopic[]) {
  return { live: topics };
}

export function liveTopicsOf(query: Query): readonly LiveTopic[] {
  const live = query.meta?.live;
  return Array.isArray(live) ? (live as LiveTopic[]) : [];
}

/** Reads agree when no change was announced while any of them ran (lib/live/store.ts, readBetweenEvents). */
export function readTogether(answers: PromiseSettledResult<unknown>[]): boolean {
  const windows = answers.flatMap((answer) => {
    const window = answer.status === 'fulfilled' ? (answer.value as { liveWindow?: { from: number; to: number } } | null)?.liveWindow : undefined;
    return window ? [window] : [];
  });
  return windows.every((window) => window.from === windows[0]!.from && window.to === windows[0]!.from);
}

/** A change landing while they were read: the reads are made again, this many times at most. */
const MAX_READS = 3;

/**
 * Reads again every query on screen that shows one of `topics`, all at once, and puts the answers
 * in the cache in one batch: React renders them together, so a row that turned eligible and the
 * "Eligible now" count that counts it change in the same frame. When a change landed between the
 * reads (one saw it, another not), they are read again first. `topics` null means all of them.
 */
export async function refreshLiveQueries(queryClient: QueryClient, topics: ReadonlySet<LiveTopic> | null): Promise<void> {
  const queries = queryClient
    .getQueryCache()
    .findAll({ type: 'active', predicate: (query) => liveTopicsOf(query).some((topic) => topics === null || topics.has(topic)) });
  const readAll = () =>
    Promise.allSettled(
      queries.map(async (query) => {
        const queryFn = query.options.queryFn;
        if (typeof queryFn !== 'function') throw new Error('no query function');
        const context = { client: queryClient, queryKey: query.queryKey, meta: query.meta, signal: new AbortController().signal } as QueryFunctionContext;
        return queryFn(context);
      }),
    );
  let answers = await readAll();
  for (let reads = 1; reads < MAX_READS && !readTogether(answers); reads++) answers = await readAll();
  notifyManager.batch(() => {
    answers.forEach((answer, index) => {
      const query = queries[index]!;
      if (answer.status === 'fulfilled') queryClient.setQueryData(query.queryKey, answer.value);
      // A read that failed is left to the query's own retry and error display.
      else void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
    });
  });
}
