'use client';

import { useSyncExternalStore } from 'react';
import type { LiveTopic } from '@/lib/live/topics';

// The page's live connection as the rest of the page sees it: whether changes are being pushed,
// the server's clock, and a way to hear which topics changed.

/** connecting: not yet heard; live: changes are pushed; paused: the stream is down, pages poll. */
export type LiveStatus = 'connecting' | 'live' | 'paused';

let status: LiveStatus = 'connecting';
/** The server's clock minus the browser's, measured from the stream (0 until it says). */
let clockOffsetMs = 0;
const statusListeners = new Set<() => void>();
const topicListeners = new Set<(topics: ReadonlySet<LiveTopic>) => void>();

function notify(): void {
  for (const listener of statusListeners) listener();
}

export function setLiveStatus(next: LiveStatus): void {
  if (next === status) return;
  status = next;
  notify();
}

export function liveStatus(): LiveStatus {
  return status;
}

/** Takes the server's time from a stream message; small moves (network jitter) are ignored. */
export function setServerTime(serverTime: number): void {
  const offset = serverTime - Date.now();
  if (Math.abs(offset - clockOffsetMs) < 1_000) return;
  clockOffsetMs = offset;
  notify();
}

/** The current time by the server's clock, so a time just written never reads "in 3 sec.". */
export function serverNow(): number {
  return Date.now() + clockOffsetMs;
}

export function subscribeLiveState(listener: () => void): () => void {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}

export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(subscribeLiveState, liveStatus, () => 'connecting' as const);
}

/** Hears the topics of every batch of changes the stream announces. */
export function onLiveTopics(listener: (topics: ReadonlySet<LiveTopic>) => void): () => void {
  topicListeners.add(listener);
  return () => topicListeners.delete(listener);
}

export function announceTopics(topics: ReadonlySet<LiveTopic>): void {
  for (const listener of topicListeners) listener(topics);
}

/**
 * A query's refetchInterval: no polling while changes are pushed, `ms` while the stream is down
 * (or not yet up). The interval is read again after every fetch, and the page refetches when the
 * stream's state changes, so polling starts and stops with it.
 */
export function pollWhileOffline(ms: number | false): () => number | false {
  return () => (status === 'live' ? false : ms);
}
