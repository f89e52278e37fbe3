-- Shares per day that cost what the page shows, not what the history holds.
--
-- ShareTally keeps, per 15-minute slot (UTC) and sending number, how many shares succeeded by
-- source and how many failed and were not settled by a later attempt: what the Overview shows per
-- day. Every zone offset is a multiple of 15 minutes, so a slot belongs to one local day anywhere.
--   * Statement triggers on ShareEvent append what each statement changed, summed per slot and
--     number, as rows with "folded" false (appends never wait on each other).
--   * The minute tick folds those rows into one folded row per slot and number under an advisory
--     lock, and rolls slots older than 17 days into their UTC day: the Overview never reads them.
--   * Deleting share events (SHARE_HISTORY_MONTHS) leaves the tallies alone on purpose: they are the
--     daily totals per number that stay when old events go. TRUNCATE empties them with the events.

CREATE TABLE "ShareTally" (
    "id" BIGSERIAL NOT NULL,
    "slot" TIMESTAMP(3) NOT NULL,
    "sendingNumber" TEXT,
    "manual" INTEGER NOT NULL,
    "bulk" INTEGER NOT NULL,
    "scheduled" INTEGER NOT NULL,
    "automatic" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "folded" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "ShareTally_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ShareTally_slot_idx" ON "ShareTally" ("slot", "sendingNumber");
-- One folded row per slot and number, nulls included (PostgreSQL 15 or newer).
CREATE UNIQUE INDEX "ShareTally_folded_key" ON "ShareTally" ("slot", "sendingNumber") NULLS NOT DISTINCT WHERE "folded";

INSERT INTO "ShareTally" ("slot", "sendingNumber", "manual", "bulk", "scheduled", "automatic", "failed", "folded")
SELECT CASE WHEN "createdAt" < now() AT TIME ZONE 'UTC' - interval '17 days' THEN date_trunc('day', "createdAt")
            ELSE date_bin('15 minutes', "createdAt", TIMESTAMP '2000-01-01') END,
       "sendingNumber",
       count(*) FILTER (WHERE "outcome" = 'SUCCEEDED' AND "source" = 'MANUAL'),
       count(*) FILTER (WHERE "outcome" = 'SUCCEEDED' AND "source" = 'BULK'),
       count(*) FILTER (WHERE "outcome" = 'SUCCEEDED' AND "source" = 'SCHEDULED'),
       count(*) FILTER (WHERE "outcome" = 'SUCCEEDED' AND "source" = 'AUTOMATIC'),
       count(*) FILTER (WHERE "outcome" = 'FAILED' AND "supersededAt" IS NULL),
       true
  FROM "ShareEvent"
 WHERE "outcome" IN ('SUCCEEDED', 'FAILED')
 GROUP BY 1, 2;
DELETE FROM "ShareTally" WHERE "manual" = 0 AND "bulk" = 0 AND "scheduled" = 0 AND "automatic" = 0 AND "failed" = 0;

-- What a statement on ShareEvent changed, per slot and number: minus the rows as they were, plus
-- the rows as they are now. A statement that changed nothing counted (a pending share recorded, its
-- latency written) appends nothing. A delete appends nothing either (see above).
CREATE FUNCTION console_share_tally() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    IF TG_OP = ''INSERT'' THEN
        INSERT INTO "ShareTally" ("slot", "sendingNumber", "manual", "bulk", "scheduled", "automatic", "failed")
        SELECT "slot", "sendingNumber", sum("manual"), sum("bulk"), sum("scheduled"), sum("automatic"), sum("failed")
          FROM (
            SELECT date_bin(''15 minutes'', "createdAt", TIMESTAMP ''2000-01-01'') AS "slot", "sendingNumber",
                   ("outcome" = ''SUCCEEDED'' AND "source" = ''MANUAL'')::int AS "manual",
                   ("outcome" = ''SUCCEEDED'' AND "source" = ''BULK'')::int AS "bulk",
                   ("outcome" = ''SUCCEEDED'' AND "source" = ''SCHEDULED'')::int AS "scheduled",
                   ("outcome" = ''SUCCEEDED'' AND "source" = ''AUTOMATIC'')::int AS "automatic",
                   ("outcome" = ''FAILED'' AND "supersededAt" IS NULL)::int AS "failed"
              FROM changed WHERE "outcome" IN (''SUCCEEDED'', ''FAILED'')
          ) counted
         GROUP BY 1, 2
        HAVING sum("manual") <> 0 OR sum("bulk") <> 0 OR sum("scheduled") <> 0 OR sum("automatic") <> 0 OR sum("failed") <> 0\073
    ELSE
        INSERT INTO "ShareTally" ("slot", "sendingNumber", "manual", "bulk", "scheduled", "automatic", "failed")
        SELECT "slot", "sendingNumber", sum("manual"), sum("bulk"), sum("scheduled"), sum("automatic"), sum("failed")
          FROM (
            SELECT date_bin(''15 minutes'', "createdAt", TIMESTAMP ''2000-01-01'') AS "slot", "sendingNumber",
                   ("outcome" = ''SUCCEEDED'' AND "source" = ''MANUAL'')::int AS "manual",
                   ("outcome" = ''SUCCEEDED'' AND "source" = ''BULK'')::int AS "bulk",
                   ("outcome" = ''SUCCEEDED'' AND "source" = ''SCHEDULED'')::int AS "scheduled",
                   ("outcome" = ''SUCCEEDED'' AND "source" = ''AUTOMATIC'')::int AS "automatic",
                   ("outcome" = ''FAILED'' AND "supersededAt" IS NULL)::int AS "failed"
              FROM changed WHERE "outcome" IN (''SUCCEEDED'', ''FAILED'')
            UNION ALL
            SELECT date_bin(''15 minutes'', "createdAt", TIMESTAMP ''2000-01-01'') AS "slot", "sendingNumber",
                   -("outcome" = ''SUCCEEDED'' AND "source" = ''MANUAL'')::int AS "manual",
                   -("outcome" = ''SUCCEEDED'' AND "source" = ''BULK'')::int AS "bulk",
                   -("outcome" = ''SUCCEEDED'' AND "source" = ''SCHEDULED'')::int AS "scheduled",
                   -("outcome" = ''SUCCEEDED'' AND "source" = ''AUTOMATIC'')::int AS "automatic",
                   -("outcome" = ''FAILED'' AND "supersededAt" IS NULL)::int AS "failed"
              FROM before WHERE "outcome" IN (''SUCCEEDED'', ''FAILED'')
          ) moves
         GROUP BY 1, 2
        HAVING sum("manual") <> 0 OR sum("bulk") <> 0 OR sum("scheduled") <> 0 OR sum("automatic") <> 0 OR sum("failed") <> 0\073
    END IF\073
    RETURN NULL\073
END\073
';
CREATE TRIGGER "ShareEvent_tally_insert" AFTER INSERT ON "ShareEvent" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_share_tally();
CREATE TRIGGER "ShareEvent_tally_update" AFTER UPDATE ON "ShareEvent" REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_share_tally();

CREATE FUNCTION console_share_tally_truncate() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    DELETE FROM "ShareTally"\073
    RETURN NULL\073
END\073
';
CREATE TRIGGER "ShareEvent_tally_truncate" AFTER TRUNCATE ON "ShareEvent" FOR EACH STATEMENT EXECUTE FUNCTION console_share_tally_truncate();
