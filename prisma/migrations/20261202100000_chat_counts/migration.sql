-- Counts of the chat index that cost what the page shows, not what the account holds.
--
-- Every count beside the Chats page filters, the Overview funnel per number and the index size
-- are sums over "cells": chats grouped by the facts those figures read (number, service, outbound,
-- left, health, group) and by the hour of their last share. A million chats make a few thousand
-- cells. Triggers keep them exact:
--   * Chat."lastSharedAt" copies ChatShareState."lastSucceededAt", so a chat row carries all its facts.
--   * Statement triggers on Chat append what each statement changed, summed per cell, to
--     ChatCountDelta (appends never wait on each other, so writers do not queue on a hot cell).
--   * The minute tick folds the deltas into ChatCountCell under an advisory lock, and rolls the cells
--     of hours no figure looks at any more (older than the cooldown and a week) into one hour,
--     "-infinity" ("shared long ago"). ChatCountState."rolledBefore" says how far that went.
-- A reader sums cells and deltas in one snapshot (lib/chats/count-cells.ts). The hour a cutoff falls
-- in (the cooldown, a week ago) is read chat by chat from the index on Chat."lastSharedAt" instead.

ALTER TABLE "Chat" ADD COLUMN "lastSharedAt" TIMESTAMP(3);

UPDATE "Chat" c SET "lastSharedAt" = s."lastSucceededAt"
  FROM "ChatShareState" s
 WHERE s."chatId" = c."id" AND s."lastSucceededAt" IS NOT NULL;

CREATE INDEX "Chat_lastSharedAt_idx" ON "Chat" ("lastSharedAt") WHERE "goneAt" IS NULL AND "lastSharedAt" IS NOT NULL;

CREATE TABLE "ChatCountCell" (
    "id" BIGSERIAL NOT NULL,
    "sendingNumber" TEXT,
    "service" TEXT,
    "outbound" "OutboundState" NOT NULL,
    "hasLeft" BOOLEAN NOT NULL,
    "health" TEXT,
    "isGroup" BOOLEAN NOT NULL,
    "sharedHour" TIMESTAMP(3),
    "n" BIGINT NOT NULL,
    CONSTRAINT "ChatCountCell_pkey" PRIMARY KEY ("id")
);
-- One cell per combination of facts, nulls included (PostgreSQL 15 or newer).
CREATE UNIQUE INDEX "ChatCountCell_key" ON "ChatCountCell" ("sendingNumber", "service", "outbound", "hasLeft", "health", "isGroup", "sharedHour") NULLS NOT DISTINCT;

CREATE TABLE "ChatCountDelta" (
    "id" BIGSERIAL NOT NULL,
    "sendingNumber" TEXT,
    "service" TEXT,
    "outbound" "OutboundState" NOT NULL,
    "hasLeft" BOOLEAN NOT NULL,
    "health" TEXT,
    "isGroup" BOOLEAN NOT NULL,
    "sharedHour" TIMESTAMP(3),
    "n" BIGINT NOT NULL,
    CONSTRAINT "ChatCountDelta_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ChatCountState" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "rolledBefore" TIMESTAMP(3) NOT NULL DEFAULT '-infinity',
    CONSTRAINT "ChatCountState_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ChatCountState_one_row" CHECK ("id" = 1)
);
INSERT INTO "ChatCountState" ("id") VALUES (1);

INSERT INTO "ChatCountCell" ("sendingNumber", "service", "outbound", "hasLeft", "health", "isGroup", "sharedHour", "n")
SELECT "sendingNumber", "service", "outbound", "hasLeft", "health", "isGroup", date_trunc('hour', "lastSharedAt"), count(*)
  FROM "Chat" WHERE "goneAt" IS NULL
 GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- A last success of a share state, copied onto its chat (which may not be indexed yet: then the chat
-- takes it when it is inserted, below).
CREATE FUNCTION console_chat_shared_copy() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    IF TG_OP = ''DELETE'' THEN
        UPDATE "Chat" c SET "lastSharedAt" = NULL
          FROM gone g WHERE c."id" = g."chatId" AND c."lastSharedAt" IS NOT NULL\073
    ELSE
        UPDATE "Chat" c SET "lastSharedAt" = n."lastSucceededAt"
          FROM changed n WHERE c."id" = n."chatId" AND c."lastSharedAt" IS DISTINCT FROM n."lastSucceededAt"\073
    END IF\073
    RETURN NULL\073
END\073
';
CREATE TRIGGER "ChatShareState_copy_insert" AFTER INSERT ON "ChatShareState" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_chat_shared_copy();
CREATE TRIGGER "ChatShareState_copy_update" AFTER UPDATE ON "ChatShareState" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_chat_shared_copy();
CREATE TRIGGER "ChatShareState_copy_delete" AFTER DELETE ON "ChatShareState" REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION console_chat_shared_copy();

CREATE FUNCTION console_chat_shared_on_insert() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    IF NEW."lastSharedAt" IS NULL THEN
        SELECT "lastSucceededAt" INTO NEW."lastSharedAt" FROM "ChatShareState" WHERE "chatId" = NEW."id"\073
    END IF\073
    RETURN NEW\073
END\073
';
CREATE TRIGGER "Chat_shared_on_insert" BEFORE INSERT ON "Chat" FOR EACH ROW EXECUTE FUNCTION console_chat_shared_on_insert();

-- What a statement on Chat changed, per cell: minus the rows as they were, plus the rows as they are
-- now (live chats only). Cells whose sum is zero (an update that changed no counted fact) are not written.
CREATE FUNCTION console_chat_count_delta() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    IF TG_OP = ''INSERT'' THEN
        INSERT INTO "ChatCountDelta" ("sendingNumber", "service", "outbound", "hasLeft", "health", "isGroup", "sharedHour", "n")
        SELECT "sendingNumber", "service", "outbound", "hasLeft", "health", "isGroup", date_trunc(''hour'', "lastSharedAt"), count(*)
          FROM changed WHERE "goneAt" IS NULL GROUP BY 1, 2, 3, 4, 5, 6, 7\073
    ELSIF TG_OP = ''DELETE'' THEN
        INSERT INTO "ChatCountDelta" ("sendingNumber", "service", "outbound", "hasLeft", "health", "isGroup", "sharedHour", "n")
        SELECT "sendingNumber", "service", "outbound", "hasLeft", "health", "isGroup", date_trunc(''hour'', "lastSharedAt"), -count(*)
          FROM before WHERE "goneAt" IS NULL GROUP BY 1, 2, 3, 4, 5, 6, 7\073
    ELSE
        INSERT INTO "ChatCountDelta" ("sendingNumber", "service", "outbound", "hasLeft", "health", "isGroup", "sharedHour", "n")
        SELECT "sendingNumber", "service", "outbound", "hasLeft", "health", "isGroup", "sharedHour", sum(n)
          FROM (
            SELECT "sendingNumber", "service", "outbound", "hasLeft", "health", "isGroup", date_trunc(''hour'', "lastSharedAt") AS "sharedHour", -1 AS n
              FROM before WHERE "goneAt" IS NULL
            UNION ALL
            SELECT "sendingNumber", "service", "outbound", "hasLeft", "health", "isGroup", date_trunc(''hour'', "lastSharedAt"), 1
              FROM changed WHERE "goneAt" IS NULL
          ) moves
         GROUP BY 1, 2, 3, 4, 5, 6, 7
        HAVING sum(n) <> 0\073
    END IF\073
    RETURN NULL\073
END\073
';
CREATE TRIGGER "Chat_count_insert" AFTER INSERT ON "Chat" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_chat_count_delta();
CREATE TRIGGER "Chat_count_update" AFTER UPDATE ON "Chat" REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_chat_count_delta();
CREATE TRIGGER "Chat_count_delete" AFTER DELETE ON "Chat" REFERENCING OLD TABLE AS before FOR EACH STATEMENT EXECUTE FUNCTION console_chat_count_delta();

-- TRUNCATE fires no row or statement trigger above: it empties the counts with the chats.
CREATE FUNCTION console_chat_count_truncate() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    DELETE FROM "ChatCountDelta"\073
    DELETE FROM "ChatCountCell"\073
    RETURN NULL\073
END\073
';
CREATE TRIGGER "Chat_count_truncate" AFTER TRUNCATE ON "Chat" FOR EACH STATEMENT EXECUTE FUNCTION console_chat_count_truncate();

-- The copy of the last share is bookkeeping for the live stream: the trigger of the share state
-- already announces the chat.
DROP TRIGGER "Chat_live_update" ON "Chat";
CREATE TRIGGER "Chat_live_update" AFTER UPDATE ON "Chat" REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('chats', 'id', 'id', 'lastListedAt,outboundCheckedAt,lastSharedAt');
