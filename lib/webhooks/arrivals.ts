import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { GroupWriter } from '@/lib/concurrency';
import { db } from '@/lib/db';
import { utcDay } from '@/lib/webhooks/stats';

/** A verified delivery, as the route stores it for the webhooks.apply job. */
export interface Arrival {
  /** The webhook-id header: Linq sends a delivery again under the same id. */
  id: string;
  eventId: string | null;
  eventType: string;
  eventCreatedAt: Date | null;
  /** The payload's JSON text. */
  payload: string;
  subject: string | null;
}

/**
 * Stores a group of deliveries in one statement: each new webhook-id is inserted (its arrival time
 * read per row, so the group keeps its order), and the day's count of repeats grows by the rest.
 * Answers, for each delivery in order, whether it was new. Within a group a webhook-id seen twice is
 * new once, as it would be in two statements.
 */
async function storeGroup(arrivals: Arrival[]): Promise<boolean[]> {
  const seen = new Set<string>();
  const rows = arrivals.filter((arrival) => !seen.has(arrival.id) && seen.add(arrival.id));
  const stored = await db.$queryRaw<Array<{ id: string }>>(Prisma.sql`
    WITH arrived AS (
      SELECT * FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.eventId)}::text[], ${rows.map((r) => r.eventType)}::text[],
                           ${rows.map((r) => r.eventCreatedAt?.toISOString() ?? null)}::timestamptz[], ${rows.map((r) => r.payload)}::jsonb[],
                           ${rows.map((r) => r.subject)}::text[]) WITH ORDINALITY
        AS a("id", "eventId", "eventType", "eventCreatedAt", "payload", "subject", "position")
    ), stored AS (
      INSERT INTO "WebhookDelivery" ("id", "eventId", "eventType", "eventCreatedAt", "payload", "subject", "receivedAt")
      SELECT "id", "eventId", "eventType", "eventCreatedAt" AT TIME ZONE 'UTC', "payload", "subject", clock_timestamp() AT TIME ZONE 'UTC'
        FROM arrived ORDER BY "position"
      ON CONFLICT ("id") DO NOTHING
      RETURNING "id"
    ), repeats AS (
      INSERT INTO "WebhookDay" ("day", "duplicates")
      SELECT ${utcDay(new Date())}, ${arrivals.length}::int - (SELECT count(*) FROM stored)::int
       WHERE ${arrivals.length}::int > (SELECT count(*) FROM stored)
      ON CONFLICT ("day") DO UPDATE SET "duplicates" = "WebhookDay"."duplicates" + EXCLUDED."duplicates"
    )
    SELECT "id" FROM stored`);
  const fresh = new Set(stored.map((row) => row.id));
  // The first of a webhook-id takes the row it inserted; any later one in the group is a repeat.
  return arrivals.map((arrival) => fresh.delete(arrival.id));
}

/**
 * Deliveries that arrive together are stored together: a burst of twenty costs a few statements
 * instead of twenty, each waiting for its connection and for PostgreSQL's share of two cores. A
 * delivery alone is stored at once, and each is answered only once its row is stored.
 */
const arrivals = new GroupWriter(storeGroup, 100);

/** Stores one delivery (with whatever arrives meanwhile); true when its webhook-id is new. */
export function storeArrival(arrival: Arrival): Promise<boolean> {
  return arrivals.add(arrival);
}
