import 'server-only';
import pg from 'pg';
import { getEmbeddedPglite } from '@/lib/database/embedded';
import { getSettings, type DatabaseTarget } from '@/lib/env';
import { parseLiveNotification, type LiveEvent } from '@/lib/live/topics';
import { logger } from '@/lib/observability/log';
import { metrics } from '@/lib/observability/metrics';

// One listener per instance on the database's channel, fanned out in memory to this instance's
// open streams. The database is what connects instances: a change committed by any of them (a
// webhook applied on B) is announced to the streams of every other (a browser on A).

export const LIVE_CHANNEL = 'console_live';

/** A change, or 'resync' when announcements may have been missed (the listener reconnected). */
export type LiveSignal = LiveEvent | 'resync';
type Listener = (signal: LiveSignal) => void;

interface Listening {
  /** Settles once the first LISTEN was tried (a failure is retried, and then announced as a resync). */
  ready: Promise<void>;
  stop: () => Promise<void>;
}

interface Hub extends Listening {
  listeners: Set<Listener>;
}

const globalForLive = globalThis as unknown as { liveHub?: Hub };

function fanOut(listeners: Set<Listener>, signal: LiveSignal): void {
  for (const listener of listeners) {
    try {
      listener(signal);
    } catch (error) {
      logger('live').error({ err: error }, 'a stream failed to take an event');
    }
  }
}

function onPayload(listeners: Set<Listener>, payload: string | undefined): void {
  const event = parseLiveNotification(payload);
  if (event) fanOut(listeners, event);
}

/** The embedded database is one in-process session: its own LISTEN hears every NOTIFY. */
function listenEmbedded(dataDir: string, listeners: Set<Listener>): Listening {
  const unlisten = getEmbeddedPglite(dataDir).listen(LIVE_CHANNEL, (payload) => onPayload(listeners, payload));
  return { ready: unlisten.then(() => undefined), stop: async () => (await unlisten)() };
}

/**
 * PostgreSQL: a dedicated connection (LISTEN holds it), reconnected with a growing pause when it
 * drops. After a reconnect the streams are told to resync: what was announced meanwhile was lost.
 */
function listenPostgres(url: string, listeners: Set<Listener>): Listening {
  let client: pg.Client | null = null;
  let stopped = false;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async (isReconnect: boolean) => {
    const next = new pg.Client({ connectionString: url, application_name: 'console-live' });
    next.on('notification', (message) => {
      if (message.channel === LIVE_CHANNEL) onPayload(listeners, message.payload);
    });
    next.on('error', () => undefined);
    next.on('end', () => {
      if (client === next) reconnectLater();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${LIVE_CHANNEL}`);
      if (stopped) return void (await next.end().catch(() => undefined));
      client = next;
      failures = 0;
      if (isReconnect) fanOut(listeners, 'resync');
    } catch (error) {
      await next.end().catch(() => undefined);
      logger('live').error({ err: error }, 'could not listen for changes');
      reconnectLater();
    }
  };
  const reconnectLater = () => {
    client = null;
    if (stopped || retryTimer) return;
    failures += 1;
    retryTimer = setTimeout(
      () => {
        retryTimer = undefined;
        void connect(true);
      },
      Math.min(30_000, 500 * 2 ** Math.min(failures, 6)),
    );
    retryTimer.unref();
  };

  return {
    ready: connect(false),
    stop: async () => {
      stopped = true;
      clearTimeout(retryTimer);
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}

function startHub(target: DatabaseTarget): Hub {
  const listeners = new Set<Listener>();
  const listening = target.kind === 'embedded' ? listenEmbedded(target.dataDir, listeners) : listenPostgres(target.url, listeners);
  return { listeners, ...listening };
}

/**
 * Hears every change announced on the database from now on. `ready` settles once this instance is
 * listening: what is committed after that is heard (before it, read LiveEvent instead).
 */
export function subscribeLive(listener: Listener): { ready: Promise<void>; unsubscribe: () => void } {
  globalForLive.liveHub ??= startHub(getSettings().database);
  const { listeners, ready } = globalForLive.liveHub;
  listeners.add(listener);
  const streams = metrics().openStreams;
  streams.set(listeners.size);
  return {
    ready: ready.catch(() => undefined),
    unsubscribe: () => {
      listeners.delete(listener);
      streams.set(listeners.size);
    },
  };
}

/** Closes the listener (at shutdown, before the database closes). */
export async function stopLiveHub(): Promise<void> {
  const hub = globalForLive.liveHub;
  globalForLive.liveHub = undefined;
  await hub?.stop();
}
