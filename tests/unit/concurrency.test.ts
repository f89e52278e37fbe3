import { describe, expect, it } from 'vitest';
import { mapWithConcurrency, Slots } from '@/lib/concurrency';

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
