import { describe, expect, it } from 'vitest';
import { GroupWriter, mapWithConcurrency, Slots } from '@/lib/concurrency';

describe('mapWithConcurrency', () => {
  it('never runs more than the limit at once, and keeps results in order', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithConcurrency([30, 10, 20, 5, 15, 25, 1], 3, async (ms, index) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running -= 1;
      return index * 2;
    });
    expect(peak).toBe(3);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : null))).toEqual([0, 2, 4, 6, 8, 10, 12]);
  });

  it('settles every item even when some fail', async () => {
    const results = await mapWithConcurrency([1, 2, 3], 2, async (n) => {
      if (n === 2) throw new Error('two');
      return n;
    });
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('handles no items', async () => {
    await expect(mapWithConcurrency([], 4, async () => 1)).resolves.toEqual([]);
  });
});

describe('Slots', () => {
  it('runs at most its size at once, in order of arrival, and frees a slot when a task fails', async () => {
    const slots = new Slots(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (n: number, ms: number, fail = false) =>
      slots.run(async () => {
        started.push(n);
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, ms));
        running -= 1;
        if (fail) throw new Error(`task ${n}`);
        return n;
      });
    const results = await Promise.allSettled([task(1, 20, true), task(2, 40), task(3, 5), task(4, 5), task(5, 5)]);
    expect(peak).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    // Every slot came back, the failed task's too: two more run side by side.
    let together = 0;
    let most = 0;
    const side = () =>
      slots.run(async () => {
        most = Math.max(most, (together += 1));
        await new Promise((resolve) => setTimeout(resolve, 5));
        together -= 1;
      });
    await Promise.all([side(), side()]);
    expect(most).toBe(2);
  });
});

describe('GroupWriter', () => {
  function recordingWriter(options: { refuse?: number } = {}) {
    const groups: number[][] = [];
    let release: (() => void) | undefined;
    const writer = new GroupWriter<number, number>(async (items) => {
      groups.push(items);
      // The first write is held open, so that what arrives meanwhile waits for the next group.
      if (groups.length === 1) await new Promise<void>((resolve) => (release = resolve));
      if (items.includes(options.refuse ?? -1)) throw new Error(`refused ${options.refuse}`);
      return items.map((item) => item * 10);
    }, 3);
    return { groups, writer, release: () => release!() };
  }

  it('writes what arrives in one turn together, and what arrives during a write in groups of at most its size, each answered in order', async () => {
    const { groups, writer, release } = recordingWriter();
    // What arrives in the same turn is written together; what arrives during that write, next.
    const first = [writer.add(1), writer.add(2)];
    await new Promise((resolve) => setImmediate(resolve));
    expect(groups).toEqual([[1, 2]]);
    const rest = [3, 4, 5, 6].map((item) => writer.add(item));
    release();
    await expect(Promise.all(first)).resolves.toEqual([10, 20]);
    await expect(Promise.all(rest)).resolves.toEqual([30, 40, 50, 60]);
    expect(groups).toEqual([[1, 2], [3, 4, 5], [6]]);
    // Idle again: the next item goes alone.
    await expect(writer.add(7)).resolves.toBe(70);
    expect(groups.at(-1)).toEqual([7]);
  });

  it('tries each item of a failed group alone: only the item refused fails', async () => {
    const { groups, writer, release } = recordingWriter({ refuse: 3 });
    const first = writer.add(1);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [2, 3, 4].map((item) => writer.add(item));
    release();
    await first;
    const settled = await Promise.allSettled(rest);
    expect(settled.map((result) => (result.status === 'fulfilled' ? result.value : (result.reason as Error).message))).toEqual([20, 'refused 3', 40]);
    expect(groups.slice(1)).toEqual([[2, 3, 4], [2], [3], [4]]);
  });
});
