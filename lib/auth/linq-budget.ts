import 'server-only';

// What one staff member's clicks may cost in Linq calls. A read that calls Linq for whatever id it
// is given (a card's status, a share's checks) is otherwise a way for anyone signed in to spend the
// account's Linq budget at will. A bucket per person refills steadily; bursts a person really makes
// (a card editor polling for a minute, a few shares) fit in it comfortably.

const CAPACITY = 60;
const REFILL_PER_SECOND = 1;

interface Bucket {
  tokens: number;
  at: number;
}

const globalForBudget = globalThis as unknown as { linqBudget?: Map<string, Bucket> };

/** Takes `cost` calls from the person's budget; when it is spent, says how long until it is not. */
export function spendLinqBudget(userId: string, cost = 1, now = Date.now()): { ok: true } | { ok: false; retryAfterSeconds: number } {
  const buckets = (globalForBudget.linqBudget ??= new Map());
  const bucket = buckets.get(userId) ?? { tokens: CAPACITY, at: now };
  bucket.tokens = Math.min(CAPACITY, bucket.tokens + ((now - bucket.at) / 1000) * REFILL_PER_SECOND);
  bucket.at = now;
  buckets.set(userId, bucket);
  if (bucket.tokens < cost) return { ok: false, retryAfterSeconds: Math.ceil((cost - bucket.tokens) / REFILL_PER_SECOND) };
  bucket.tokens -= cost;
  return { ok: true };
}

export const budgetSpentMessage = (seconds: number) =>
  `You have asked Linq for a lot in a short time; the console holds back to protect the account's Linq budget. Try again in ${seconds} seconds.`;
