import type { Queue } from 'pg-boss';

/**
 * Long work cut into slices (a sync, a share run): one slice at a time ('stately'), a heartbeat so
 * a crashed slice is found, and retries with backoff so the next slice resumes from its checkpoint.
 */
const SLICED_WORK = {
  policy: 'stately',
  heartbeatSeconds: 30,
  expireInSeconds: 15 * 60,
  retryLimit: 20,
  retryDelay: 5,
  retryBackoff: true,
  retryDelayMax: 120,
} as const;

/** Every queue the console uses, with its options; lib/queue/boss.ts creates them at start. */
export const QUEUES = {
  /**
   * One slice of a full sync of the chat index (lib/chats/sync). 'stately': at most one slice runs
   * and one waits, across every instance, so two syncs never crawl at once. A slice ends itself
   * after a few minutes and queues the next; a crashed slice stops sending heartbeats and is retried,
   * and resumes from the run's checkpoint.
   */
  'chats.sync': {
    ...SLICED_WORK,
  },
  /**
   * Applies the webhook deliveries waiting in WebhookDelivery, in order, a batch at a time. One runs at
   * a time across instances: its heartbeat lets another take over within seconds when the instance
   * running it is killed, rather than when it expires.
   */
  'webhooks.apply': {
    policy: 'stately',
    heartbeatSeconds: 10,
    expireInSeconds: 5 * 60,
    retryLimit: 10,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 60,
  },
  /**
   * One slice of a bulk or scheduled share run (lib/runs), keyed by the run: 'stately' per key, so
   * one slice of a run works at a time (across instances) while runs proceed side by side. A crashed
   * slice stops its heartbeat and is retried; the next slice settles what it left half-done.
   */
  'runs.share': {
    ...SLICED_WORK,
  },
  /**
   * One chat's automatic share, due at its start time (lib/auto), keyed by the chat: 'stately', so
   * one waits and one runs per chat across instances. The AutoShare row decides what is sent: a
   * repeated or late job finds it settled and does nothing; a job lost to a kill is queued again by
   * the tick.
   */
  'auto.share': {
    policy: 'stately',
    // A killed instance's job would hold its chat's next job back until it expired: with a heartbeat
    // it is failed within seconds, and the next one runs.
    heartbeatSeconds: 10,
    expireInSeconds: 5 * 60,
    retryLimit: 3,
    retryDelay: 10,
    retryBackoff: true,
  },
  /**
   * Sends the alerts waiting, one message per channel (lib/alerts). 'stately': one runs and one
   * waits across instances, so no alert goes out twice at once; each delivery keeps its own retry
   * time, and a job lost to a kill is queued again by the tick.
   */
  'alerts.send': {
    policy: 'stately',
    heartbeatSeconds: 10,
    expireInSeconds: 5 * 60,
    retryLimit: 3,
    retryDelay: 30,
  },
  /** Every minute (pg-boss cron, once across instances): starts what is due and tidies up. */
  'console.tick': {
    policy: 'stately',
    // Killed mid-tick, an instance would hold the next ticks back until its job expired.
    heartbeatSeconds: 10,
    expireInSeconds: 5 * 60,
    retryLimit: 0,
  },
} satisfies Record<string, Omit<Queue, 'name'>>;

export type QueueName = keyof typeof QUEUES;

/** What each queue's jobs carry: the compiler checks it where a job is sent and where it is handled. */
export interface JobPayloads {
  'chats.sync': { runId: string };
  'webhooks.apply': Record<string, never>;
  'runs.share': { runId: string };
  'auto.share': { chatId: string };
  'alerts.send': Record<string, never>;
  'console.tick': Record<string, never>;
}

// Fails to compile if a queue has no payload type, or a payload type no queue.
const everyQueueTyped: [QueueName, keyof JobPayloads] extends [keyof JobPayloads, QueueName] ? true : never = true;
void everyQueueTyped;
