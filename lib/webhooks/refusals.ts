import 'server-only';
import { db } from '@/lib/db';
import { logger } from '@/lib/observability/log';
import { utcDay } from '@/lib/webhooks/stats';

// Refused deliveries cost next to nothing: they are counted in memory and written a few seconds
// later in one statement, not one upsert of a shared row each; and an address that keeps sending
// bad signatures is turned away before its next one is even checked. Refusals are counted per
// instance; what a kill loses is at most a few seconds' worth of a counter.

const FLUSH_EVERY_MS = 5_000;
/** Refusals from one address within a minute before it is turned away without a check. */
export const REFUSALS_BEFORE_SLOWDOWN = 20;
const WINDOW_MS = 60_000;

interface Pending {
  count: number;
  lastAt: Date;
  lastReason: string;
}

const globalForRefusals = globalThis as unknown as {
  webhookRefusals?: { pending: Map<string, Pending>; byAddress: Map<string, { since: number; count: number }>; timer?: NodeJS.Timeout };
};

function state() {
  globalForRefusals.webhookRefusals ??= { pending: new Map(), byAddress: new Map() };
  return globalForRefusals.webhookRefusals;
}

/** Counts a refused delivery (written within a few seconds) and its sender's address. */
export function countRefusal(reason: string, address: string, now = new Date()): void {
  const { pending, byAddress } = state();
  const day = utcDay(now);
  const entry = pending.get(day) ?? { count: 0, lastAt: now, lastReason: reason };
  pending.set(day, { count: entry.count + 1, lastAt: now, lastReason: reason });
  const sender = byAddress.get(address);
  byAddress.set(address, sender && now.getTime() - sender.since < WINDOW_MS ? { ...sender, count: sender.count + 1 } : { since: now.getTime(), count: 1 });
  const current = state();
  if (!current.timer) {
    current.timer = setTimeout(
      () => void flushRefusals().catch((error: unknown) => logger('webhooks').error({ err: error }, 'could not record refusals')),
      FLUSH_EVERY_MS,
    );
    current.timer.unref();
  }
}

/** Seconds an address must wait before another delivery is checked, or 0. */
export function refusalWaitSeconds(address: string, now = new Date()): number {
  const sender = state().byAddress.get(address);
  if (!sender || sender.count < REFUSALS_BEFORE_SLOWDOWN) return 0;
  const left = sender.since + WINDOW_MS - now.getTime();
  return left > 0 ? Math.ceil(left / 1000) : 0;
}

/** Writes the refusals counted so far, one statement per UTC day. */
export async function flushRefusals(): Promise<void> {
  const current = state();
  clearTimeout(current.timer);
  current.timer = undefined;
  const batch = [...current.pending.entries()];
  current.pending.clear();
  for (const [day, { count, lastAt, lastReason }] of batch) {
    await db.$executeRaw`
      INSERT INTO "WebhookDay" ("day", "refusals", "lastRefusalAt", "lastRefusalReason")
      VALUES (${day}, ${count}, ${lastAt}::timestamp, ${lastReason})
      ON CONFLICT ("day") DO UPDATE SET "refusals" = "WebhookDay"."refusals" + EXCLUDED."refusals",
        "lastRefusalAt" = GREATEST("WebhookDay"."lastRefusalAt", EXCLUDED."lastRefusalAt"), "lastRefusalReason" = EXCLUDED."lastRefusalReason"`;
  }
  // Forget quiet senders, so the map does not grow with every address ever seen.
  const now = Date.now();
  for (const [address, sender] of current.byAddress) if (now - sender.since >= WINDOW_MS) current.byAddress.delete(address);
}
