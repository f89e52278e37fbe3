// How often customers write back after the card, against comparable chats, with 95% confidence
// intervals. Pure, so that the figures are checked against answers worked out by hand.

/** The normal quantile of a two-sided 95% interval. */
const Z = 1.959964;

export interface Rate {
  /** Chats counted (each window fully elapsed). */
  n: number;
  /** Of which the customer wrote within the window. */
  replied: number;
  rate: number;
  low: number;
  high: number;
}

/** Wilson's score interval: sound for small samples and rates near 0 or 1, unlike p ± 1.96·se. */
export function wilson(replied: number, n: number): Omit<Rate, 'n' | 'replied'> {
  if (n <= 0) return { rate: 0, low: 0, high: 1 };
  const p = replied / n;
  const denominator = 1 + (Z * Z) / n;
  const centre = (p + (Z * Z) / (2 * n)) / denominator;
  const half = (Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n))) / denominator;
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Chats of one state of the conversation: whether the customer had written before the moment. */
export interface Stratum {
  treated: { n: number; replied: number };
  control: { n: number; replied: number };
}

export interface Comparison {
  /** Chats that received the card. */
  shared: Rate;
  /** Comparable chats, weighted to the shared chats' mix of conversation states. */
  comparable: Rate;
  /** shared − comparable, with Newcombe's interval from the two above. */
  difference: { value: number; low: number; high: number } | null;
  /** Shared chats left out: no comparable chat in the same state of the conversation. */
  unmatched: number;
}

/**
 * Compares the reply rate after a share with that of comparable chats, state by state of the
 * conversation (direct standardisation: each state's comparable rate weighted by how many shared
 * chats were in it). The comparable rate's interval is Wilson's at its effective sample size.
 */
export function compare(strata: Stratum[]): Comparison {
  const matched = strata.filter((s) => s.treated.n > 0 && s.control.n > 0);
  const unmatched = strata.filter((s) => s.treated.n > 0 && s.control.n === 0).reduce((sum, s) => sum + s.treated.n, 0);
  const n1 = matched.reduce((sum, s) => sum + s.treated.n, 0);
  const x1 = matched.reduce((sum, s) => sum + s.treated.replied, 0);
  const shared: Rate = { n: n1, replied: x1, ...wilson(x1, n1) };
  const n0 = matched.reduce((sum, s) => sum + s.control.n, 0);
  const x0 = matched.reduce((sum, s) => sum + s.control.replied, 0);
  if (n1 === 0) return { shared, comparable: { n: n0, replied: x0, ...wilson(x0, n0) }, difference: null, unmatched };

  let rate0 = 0;
  let variance0 = 0;
  for (const s of matched) {
    const weight = s.treated.n / n1;
    const p = s.control.replied / s.control.n;
    rate0 += weight * p;
    variance0 += (weight * weight * p * (1 - p)) / s.control.n;
  }
  // The sample size a plain proportion would need for this variance; all of them when it is 0.
  const effective = variance0 > 0 ? (rate0 * (1 - rate0)) / variance0 : n0;
  const interval0 = wilson(rate0 * effective, effective);
  const comparable: Rate = { n: n0, replied: x0, rate: rate0, low: interval0.low, high: interval0.high };
  const value = shared.rate - comparable.rate;
  const difference = {
    value,
    low: value - Math.sqrt((shared.rate - shared.low) ** 2 + (comparable.high - comparable.rate) ** 2),
    high: value + Math.sqrt((shared.high - shared.rate) ** 2 + (comparable.rate - comparable.low) ** 2),
  };
  return { shared, comparable, difference, unmatched };
}

/** Fewer chats than this on either side: the page says it is too few to tell. */
export const TOO_FEW = 20;

/** What a comparison can say, in a sentence. */
export function verdict(comparison: Comparison): string {
  const { shared, comparable, difference } = comparison;
  if (!difference || shared.n < TOO_FEW || comparable.n < TOO_FEW) return 'Too few chats to tell.';
  if (difference.low > 0) return 'More customers wrote back after the card than in comparable chats.';
  if (difference.high < 0) return 'Fewer customers wrote back after the card than in comparable chats.';
  return 'No clear difference from comparable chats.';
}
