-- Live updates (issue 21): every change staff may want to see at once is recorded as a small event
-- and announced on the channel "console_live", from triggers, so that no writer can forget to and
-- the event commits (or rolls back) with the change itself. One event per statement: a batch of a
-- sync (200 chats) is one event, not 200. Events carry a topic and ids, never customer data.
-- The schema engine these machines run cuts scripts at every semicolon, even inside quotes: the
-- function body is therefore an escaped string, each \073 in it a semicolon, and no comment here
-- holds a semicolon or an apostrophe.

CREATE TABLE "LiveEvent" (
    "seq" BIGSERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "ids" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LiveEvent_pkey" PRIMARY KEY ("seq")
);

CREATE INDEX "LiveEvent_createdAt_idx" ON "LiveEvent"("createdAt");

-- Arguments: the topic, the column naming what changed, and for updates the key column and the
-- columns that are bookkeeping only (checked-at times, heartbeats). An update is announced only for
-- rows where something else changed, so a sync that lists a million unchanged chats, or a page view
-- that re-reads a card, announces nothing. More than 50 rows in one statement are announced without
-- ids ("many": the pages refresh what they show).
CREATE FUNCTION console_live_publish() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
    changed_count INTEGER\073
    changed_ids TEXT[]\073
    event_seq BIGINT\073
BEGIN
    IF TG_OP = ''UPDATE'' THEN
        EXECUTE format(
            ''SELECT count(*), (array_agg(DISTINCT c.%I::text))[1:50] FROM changed c JOIN before b ON b.%I = c.%I WHERE to_jsonb(c) - $1 IS DISTINCT FROM to_jsonb(b) - $1'',
            TG_ARGV[1], TG_ARGV[2], TG_ARGV[2]
        ) INTO changed_count, changed_ids USING string_to_array(COALESCE(TG_ARGV[3], ''''), '','')\073
    ELSE
        EXECUTE format(''SELECT count(*), (array_agg(DISTINCT %I::text))[1:50] FROM changed'', TG_ARGV[1]) INTO changed_count, changed_ids\073
    END IF\073
    IF changed_count = 0 THEN
        RETURN NULL\073
    END IF\073
    IF changed_count > 50 THEN
        changed_ids := ARRAY[]::TEXT[]\073
    END IF\073
    INSERT INTO "LiveEvent" ("topic", "ids") VALUES (TG_ARGV[0], changed_ids) RETURNING "seq" INTO event_seq\073
    PERFORM pg_notify(''console_live'', json_build_object(''seq'', event_seq, ''topic'', TG_ARGV[0], ''ids'', changed_ids)::text)\073
    RETURN NULL\073
END\073
';

-- Transition tables allow one event per trigger, hence a trigger per table and kind of write.
CREATE TRIGGER "Chat_live_insert" AFTER INSERT ON "Chat" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('chats', 'id');
CREATE TRIGGER "Chat_live_update" AFTER UPDATE ON "Chat" REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('chats', 'id', 'id', 'lastListedAt,outboundCheckedAt');
CREATE TRIGGER "ChatShareState_live_insert" AFTER INSERT ON "ChatShareState" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('chats', 'chatId');
CREATE TRIGGER "ChatShareState_live_update" AFTER UPDATE ON "ChatShareState" REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('chats', 'chatId', 'chatId', '');
CREATE TRIGGER "ShareEvent_live_insert" AFTER INSERT ON "ShareEvent" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('chats', 'chatId');
CREATE TRIGGER "ShareEvent_live_update" AFTER UPDATE ON "ShareEvent" REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('chats', 'chatId', 'id', '');
CREATE TRIGGER "SendingLine_live_insert" AFTER INSERT ON "SendingLine" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('cards', 'phoneNumber');
CREATE TRIGGER "SendingLine_live_update" AFTER UPDATE ON "SendingLine" REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('cards', 'phoneNumber', 'phoneNumber', 'cardCheckedAt,lastListedAt');
CREATE TRIGGER "ChatSyncRun_live_insert" AFTER INSERT ON "ChatSyncRun" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('index', 'id');
CREATE TRIGGER "ChatSyncRun_live_update" AFTER UPDATE ON "ChatSyncRun" REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('index', 'id', 'id', '');
CREATE TRIGGER "ShareRun_live_insert" AFTER INSERT ON "ShareRun" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('runs', 'id');
CREATE TRIGGER "ShareRun_live_update" AFTER UPDATE ON "ShareRun" REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('runs', 'id', 'id', '');
CREATE TRIGGER "WebhookDelivery_live_insert" AFTER INSERT ON "WebhookDelivery" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('deliveries', 'id');
CREATE TRIGGER "WebhookDelivery_live_update" AFTER UPDATE ON "WebhookDelivery" REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('deliveries', 'id', 'id', '');
CREATE TRIGGER "JobRun_live_insert" AFTER INSERT ON "JobRun" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('jobs', 'id');
CREATE TRIGGER "JobRun_live_update" AFTER UPDATE ON "JobRun" REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('jobs', 'id', 'id', 'heartbeatAt');

-- Staff accounts and sign-outs: the Staff page of admins, and every open stream re-checks its session at once.
CREATE TRIGGER "User_live_insert" AFTER INSERT ON "User" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('staff', 'id');
CREATE TRIGGER "User_live_update" AFTER UPDATE ON "User" REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('staff', 'id', 'id', 'lastLoginAt,updatedAt');
CREATE TRIGGER "RevokedSession_live_insert" AFTER INSERT ON "RevokedSession" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('staff', 'userId');
