import { describe, expect, it } from 'vitest';
import { compare, verdict, wilson } from '@/lib/impact/stats';

describe('impact statistics', () => {
  it('gives Wilson’s 95% interval, sound at small samples and at 0', () => {
    const half = wilson(10, 20);
    expect(half.rate).toBe(0.5);
    expect(half.low).toBeCloseTo(0.2993, 4);
    expect(half.high).toBeCloseTo(0.7007, 4);
    const none = wilson(0, 10);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.2775, 4);
    expect(wilson(0, 0)).toEqual({ rate: 0, low: 0, high: 1 });
  });

  it('compares two rates with Newcombe’s interval for the difference', () => {
    const result = compare([{ treated: { n: 100, replied: 60 }, control: { n: 100, replied: 40 } }]);
    expect(result.difference!.value).toBeCloseTo(0.2, 10);
    // (0.6 − 0.5020)² + (0.4980 − 0.4)², and the other side, from the two Wilson intervals.
    expect(result.difference!.low).toBeCloseTo(0.0614, 3);
    expect(result.difference!.high).toBeCloseTo(0.3281, 3);
    expect(verdict(result)).toBe('More customers wrote back after the card than in comparable chats.');
  });

  it('weights comparable chats to the shared chats’ states of the conversation, and leaves out states with none', () => {
    const result = compare([
      { treated: { n: 50, replied: 30 }, control: { n: 100, replied: 50 } },
      { treated: { n: 50, replied: 10 }, control: { n: 300, replied: 30 } },
      { treated: { n: 7, replied: 7 }, control: { n: 0, replied: 0 } },
    ]);
    // Crude comparable rate 80/400 = 0.2; weighted half and half: 0.5·0.5 + 0.5·0.1 = 0.3.
    expect(result.comparable.rate).toBeCloseTo(0.3, 10);
    expect(result.shared).toMatchObject({ n: 100, replied: 40, rate: 0.4 });
    expect(result.unmatched).toBe(7);
    expect(result.comparable.low).toBeLessThan(0.3);
    expect(result.comparable.high).toBeGreaterThan(0.3);
  });

  it('says when there are too few chats to tell, or no clear difference', () => {
    expect(verdict(compare([{ treated: { n: 10, replied: 9 }, control: { n: 100, replied: 10 } }]))).toBe('Too few chats to tell.');
    expect(verdict(compare([{ treated: { n: 100, replied: 31 }, control: { n: 100, replied: 30 } }]))).toBe('No clear difference from comparable chats.');
    expect(verdict(compare([{ treated: { n: 200, replied: 20 }, control: { n: 200, replied: 80 } }]))).toBe(
      'Fewer customers wrote back after the card than in comparable chats.',
    );
    expect(compare([]).difference).toBeNull();
  });
});
