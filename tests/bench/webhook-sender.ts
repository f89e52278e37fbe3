// The webhook benchmark's sender, in a worker thread: Linq sends from its own machines, so the
// sender's requests and answers must not wait in line with the console's work on one event loop.
// Deliveries come signed; the worker sends them `inFlight` at a time and reports each answer time.
import { parentPort, workerData } from 'node:worker_threads';

export interface SignedDelivery {
  headers: Record<string, string>;
  body: string;
}
export interface SenderInput {
  url: string;
  deliveries: SignedDelivery[];
  inFlight: number;
}
export interface SenderOutput {
  times: number[];
  seconds: number;
  statuses: Record<number, number>;
  duplicates: number;
}

const { url, deliveries, inFlight } = workerData as SenderInput;
const times: number[] = [];
const statuses: Record<number, number> = {};
let duplicates = 0;
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: inFlight }, async () => {
    while (next < deliveries.length) {
      const delivery = deliveries[next++]!;
      const sent = performance.now();
      const response = await fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.body });
      const answer = (await response.json()) as { duplicate?: boolean };
      times.push(performance.now() - sent);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (answer.duplicate) duplicates += 1;
    }
  }),
);
parentPort!.postMessage({ times, seconds: (performance.now() - started) / 1000, statuses, duplicates } satisfies SenderOutput);
