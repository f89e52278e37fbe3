/**
 * Runs `task` over `items` with at most `limit` running at once, in order of start, and settles
 * every one: one failure does not stop the others.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<Array<PromiseSettledResult<R>>> {
  const results: Array<PromiseSettledResult<R>> = new Array(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await task(items[index]!, index) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * At most `size` tasks running at once; the others wait their turn, first come first served. A
 * share run's Linq requests go through one of these, so that its workers can do their database
 * work while other workers' requests are with Linq, without ever having more requests in flight
 * than the run's concurrency.
 */
export class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    this.free = Math.max(1, size);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line, so a newcomer cannot jump the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    }
  }
}

/**
 * Writes items in groups: the first item is written once the event loop has taken in what arrived
 * with it, and whatever arrives while a write is under way goes in the next one, up to `maxGroup` at
 * a time. Nothing waits on a timer, so a lone item costs what it did alone, and a burst costs one
 * round trip per group instead of one per item. `write` answers each item of a group in order. When a group of several fails, each of its items is
 * tried alone, so that one item the database refuses fails by itself and not its neighbours.
 */
export class GroupWriter<T, R> {
  private waiting: Array<{ item: T; resolve: (result: R) => void; reject: (reason: unknown) => void }> = [];
  private writing = false;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly maxGroup = 100,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.writing) return;
      this.writing = true;
      // Not at once but after this turn's input: requests that arrived together reach here in the same
      // turn, and with a database that works on this thread (the embedded one) no other turn would come
      // between them and the write.
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.maxGroup);
      try {
        const results = await this.write(group.map((entry) => entry.item));
        group.forEach((entry, index) => entry.resolve(results[index]!));
      } catch (error) {
        if (group.length === 1) group[0]!.reject(error);
        else await Promise.all(group.map((entry) => this.write([entry.item]).then(([result]) => entry.resolve(result!), entry.reject)));
      }
    }
    this.writing = false;
  }
}
