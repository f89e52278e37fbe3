-- Search by part of a phone number without reading every chat of the area code.
--
-- A trigram search for digits reads the posting list of each of its trigrams, and those of an area
-- code are in nearly every chat of a business. ChatSearchSuffix instead holds, for each run of digits
-- in a chat search text (with the plus before it, if any), every suffix of four characters or more.
-- A term of digits is in the search text exactly when it begins one of those suffixes: one btree
-- range (lib/chat-search.ts). Statement triggers on Chat keep it, and only rewrite a chat whose
-- search text changed.

-- No key: a million chats make some nine million rows, and a btree on (chatId, suffix) beside the
-- one on suffix would double their size. A hash index on chatId finds a chat rows, for the triggers
-- and for a search that walks chats by activity.
CREATE TABLE "ChatSearchSuffix" (
    "suffix" TEXT COLLATE "C" NOT NULL,
    "chatId" TEXT NOT NULL
);

CREATE FUNCTION console_digit_suffixes(search_text text) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS E'
    SELECT DISTINCT substr(run[1], i)
      FROM regexp_matches(search_text, ''([+]?[0-9]+)'', ''g'') AS run,
           generate_series(1, length(run[1]) - 3) AS i
';

INSERT INTO "ChatSearchSuffix" ("suffix", "chatId")
SELECT s, c."id" FROM "Chat" c CROSS JOIN LATERAL console_digit_suffixes(c."searchText") s;

CREATE INDEX "ChatSearchSuffix_suffix_idx" ON "ChatSearchSuffix" ("suffix");
CREATE INDEX "ChatSearchSuffix_chatId_idx" ON "ChatSearchSuffix" USING hash ("chatId");

CREATE FUNCTION console_chat_search_suffixes() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    IF TG_OP = ''INSERT'' THEN
        INSERT INTO "ChatSearchSuffix" ("suffix", "chatId")
        SELECT s, n."id" FROM changed n CROSS JOIN LATERAL console_digit_suffixes(n."searchText") s\073
    ELSIF TG_OP = ''DELETE'' THEN
        DELETE FROM "ChatSearchSuffix" x USING gone g WHERE x."chatId" = g."id"\073
    ELSE
        DELETE FROM "ChatSearchSuffix" x USING before b JOIN changed n ON n."id" = b."id"
         WHERE x."chatId" = b."id" AND n."searchText" IS DISTINCT FROM b."searchText"\073
        INSERT INTO "ChatSearchSuffix" ("suffix", "chatId")
        SELECT s, n."id" FROM changed n JOIN before b ON b."id" = n."id"
               CROSS JOIN LATERAL console_digit_suffixes(n."searchText") s
         WHERE n."searchText" IS DISTINCT FROM b."searchText"\073
    END IF\073
    RETURN NULL\073
END\073
';
CREATE TRIGGER "Chat_search_insert" AFTER INSERT ON "Chat" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_chat_search_suffixes();
CREATE TRIGGER "Chat_search_update" AFTER UPDATE ON "Chat" REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_chat_search_suffixes();
CREATE TRIGGER "Chat_search_delete" AFTER DELETE ON "Chat" REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION console_chat_search_suffixes();

CREATE FUNCTION console_chat_search_truncate() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    DELETE FROM "ChatSearchSuffix"\073
    RETURN NULL\073
END\073
';
CREATE TRIGGER "Chat_search_truncate" AFTER TRUNCATE ON "Chat" FOR EACH STATEMENT EXECUTE FUNCTION console_chat_search_truncate();
