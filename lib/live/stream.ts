import 'server-only';
import { subscribeLive, type LiveSignal } from '@/lib/live/hub';
import { sseMessage, sseRetry } from '@/lib/live/sse';
import { latestLiveSeq, liveEventsSince } from '@/lib/live/store';
import { mayHear, type LiveEvent } from '@/lib/live/topics';
import type { NumberScope } from '@/lib/number-scope';
import { can, type Role } from '@/lib/roles';

/** A session read again: its role and numbers now, or why it is over. */
export type SessionCheck = { role: Role; numbers: NumberScope } | { ended: string };

export interface LiveStreamOptions {
  /** The role the session had when the stream opened. */
  role: Role;
  /** The numbers it may hear of (null: every number). */
  numbers: NumberScope;
  /** Keeps of an event what a person limited to `numbers` may hear (null: nothing). */
  narrow: (event: LiveEvent, numbers: readonly string[]) => Promise<LiveEvent | null>;
  /** The last event the browser had (Last-Event-ID): what it missed since is sent first. */
  lastEventId: number | null;
  /** Reads the session again: its role now, or why it ended (signed out, disabled, expired…). */
  recheck: () => Promise<SessionCheck>;
  /** The request's signal: the browser went away. */
  signal: AbortSignal;
  heartbeatMs?: number;
  recheckMs?: number;
}

/** The browser reconnects by itself after this long when the stream drops. */
const RETRY_MS = 2_000;
/** A heartbeat this often keeps proxies from closing an idle stream, and carries the server's clock. */
const HEARTBEAT_MS = 15_000;
/** The session is read again this often (and at once when any staff account or sign-out changes). */
const RECHECK_MS = 30_000;
/** A browser this far behind (messages queued, unread) is cut off: it reconnects and resumes. */
const MAX_QUEUED = 2_000;

/** A stream that only says the session is over, and why (the page goes to the sign-in page). */
export function endedStream(reason: string): ReadableStream<Uint8Array> {
  const text = sseRetry(RETRY_MS) + sseMessage({ event: 'ended', data: { reason } });
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
}

/**
 * One browser tab's stream of changes. It tells only what the role may hear, re-checks the session
 * while open, and closes when the session ends; every message's id is the event's sequence number.
 */
export function openLiveStream(options: LiveStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let role = options.role;
  let numbers = options.numbers;
  let closed = false;
  let stopListening = () => {};
  const timers: NodeJS.Timeout[] = [];
  let cleanup = () => {};

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (closed) return;
        if ((controller.desiredSize ?? 0) < -MAX_QUEUED) return close();
        controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          // Already closed by the browser going away.
        }
      };
      cleanup = () => {
        stopListening();
        for (const timer of timers) clearInterval(timer);
        options.signal.removeEventListener('abort', close);
      };
      options.signal.addEventListener('abort', close);

      let rechecking: Promise<void> | null = null;
      const recheck = () => {
        rechecking ??= options
          .recheck()
          .then((check) => {
            // The page is told, so that it can say why (sign-in page) or drop what the role lost.
            if ('ended' in check || !can(check.role, 'view')) {
              send(sseMessage({ event: 'ended', data: { reason: 'ended' in check ? check.ended : 'removed' } }));
              return close();
            }
            // A new role or new numbers: the page renders again with what the person may see now.
            if (check.role !== role || JSON.stringify(check.numbers) !== JSON.stringify(numbers)) {
              send(sseMessage({ event: 'role', data: { role: check.role } }));
            }
            role = check.role;
            numbers = check.numbers;
          })
          .catch(() => undefined)
          .finally(() => {
            rechecking = null;
          });
      };

      const sent = new Set<number>();
      const tell = (event: LiveEvent) => send(sseMessage({ id: event.seq, event: 'change', data: { topic: event.topic, ids: event.ids } }));
      // A person limited to some numbers hears their events one after the other, each narrowed
      // first (a read of the ids' numbers); if that read fails, the event goes without its ids.
      let narrowing = Promise.resolve();
      const deliver = (event: LiveEvent) => {
        if (sent.has(event.seq)) return;
        sent.add(event.seq);
        if (sent.size > 10_000) sent.clear();
        if (!mayHear(role, event.topic)) return;
        if (numbers === null) return tell(event);
        const scope = numbers;
        narrowing = narrowing.then(() =>
          options
            .narrow(event, scope)
            .catch(() => ({ ...event, ids: [] }))
            .then((kept) => {
              if (kept) tell(kept);
            }),
        );
      };
      // Listen first and hold what arrives, so nothing committed during the replay is lost.
      let held: LiveSignal[] | null = [];
      const onSignal = (signal: LiveSignal) => {
        if (held) return void held.push(signal);
        if (signal === 'resync') return send(sseMessage({ event: 'resync', data: {} }));
        if (signal.topic === 'staff') recheck();
        deliver(signal);
      };
      const subscription = subscribeLive(onSignal);
      stopListening = subscription.unsubscribe;
      await subscription.ready;

      send(sseRetry(RETRY_MS));
      const missed = options.lastEventId === null ? [] : await liveEventsSince(options.lastEventId).catch(() => null);
      const startSeq = options.lastEventId ?? (await latestLiveSeq().catch(() => 0));
      send(sseMessage({ id: startSeq, event: 'hello', data: { serverTime: Date.now() } }));
      if (missed === null) send(sseMessage({ event: 'resync', data: {} }));
      else for (const event of missed) deliver(event);
      const waiting = held;
      held = null;
      for (const signal of waiting) onSignal(signal);

      // Gone while the replay was read: no timer may outlive the stream.
      if (closed || options.signal.aborted) return close();
      timers.push(setInterval(() => send(sseMessage({ event: 'clock', data: { serverTime: Date.now() } })), options.heartbeatMs ?? HEARTBEAT_MS));
      timers.push(setInterval(recheck, options.recheckMs ?? RECHECK_MS));
    },
    cancel() {
      closed = true;
      cleanup();
    },
  });
}
