-- The chat index replaces KnownChat, the cache of the chats pages had shown. What it knew about
-- outbound messages is carried over, and the first full sync fills in the rest.
-- (No semicolons or quotes in these comments: some migration runners split statements naively.)
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "OutboundState" AS ENUM ('YES', 'NO', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "FactSource" AS ENUM ('MESSAGES', 'WEBHOOK');

-- CreateEnum
CREATE TYPE "SyncTrigger" AS ENUM ('STARTUP', 'SCHEDULE', 'MANUAL');

-- CreateEnum
CREATE TYPE "SyncStatus" AS ENUM ('RUNNING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "JobRunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('RECEIVED', 'APPLIED', 'IGNORED', 'FAILED');

-- CreateEnum
CREATE TYPE "SettingsChangeKind" AS ENUM ('WEBHOOK_CONNECTED', 'WEBHOOK_DISCONNECTED');

-- CreateTable
CREATE TABLE "Chat" (
    "id" TEXT NOT NULL,
    "sendingNumber" TEXT,
    "service" TEXT,
    "isGroup" BOOLEAN NOT NULL DEFAULT false,
    "health" TEXT,
    "hasLeft" BOOLEAN NOT NULL DEFAULT false,
    "displayName" TEXT,
    "participants" TEXT[],
    "searchText" TEXT NOT NULL DEFAULT '',
    "linqCreatedAt" TIMESTAMP(3),
    "linqUpdatedAt" TIMESTAMP(3),
    "outbound" "OutboundState" NOT NULL DEFAULT 'UNKNOWN',
    "outboundSince" TIMESTAMP(3),
    "outboundSource" "FactSource",
    "outboundCheckedAt" TIMESTAMP(3),
    "outboundFailedAt" TIMESTAMP(3),
    "lastOutboundAt" TIMESTAMP(3),
    "lastInboundAt" TIMESTAMP(3),
    "activityAt" TIMESTAMP(3) NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastListedAt" TIMESTAMP(3),
    "goneAt" TIMESTAMP(3),

    CONSTRAINT "Chat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SendingLine" (
    "phoneNumber" TEXT NOT NULL,
    "linqId" TEXT,
    "cardStatus" TEXT NOT NULL DEFAULT 'none',
    "cardCheckedAt" TIMESTAMP(3),
    "status" TEXT,
    "statusChangedAt" TIMESTAMP(3),
    "reputation" TEXT,
    "lastListedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SendingLine_pkey" PRIMARY KEY ("phoneNumber")
);

-- CreateTable
CREATE TABLE "ChatSyncRun" (
    "id" TEXT NOT NULL,
    "trigger" "SyncTrigger" NOT NULL,
    "requestedById" TEXT,
    "status" "SyncStatus" NOT NULL DEFAULT 'RUNNING',
    "phase" TEXT NOT NULL DEFAULT 'lines',
    "cursor" TEXT,
    "pages" INTEGER NOT NULL DEFAULT 0,
    "chatsSeen" INTEGER NOT NULL DEFAULT 0,
    "chatsNew" INTEGER NOT NULL DEFAULT 0,
    "chatsChanged" INTEGER NOT NULL DEFAULT 0,
    "chatsGone" INTEGER NOT NULL DEFAULT 0,
    "messagesRead" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "pausedUntil" TIMESTAMP(3),
    "resumes" INTEGER NOT NULL DEFAULT 0,
    "progressAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER,

    CONSTRAINT "ChatSyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL,
    "queue" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "status" "JobRunStatus" NOT NULL DEFAULT 'RUNNING',
    "instance" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER,
    "summary" TEXT,
    "error" TEXT,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "eventId" TEXT,
    "eventType" TEXT NOT NULL,
    "eventCreatedAt" TIMESTAMP(3),
    "payload" JSONB NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'RECEIVED',
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDay" (
    "day" TEXT NOT NULL,
    "deliveries" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "refusals" INTEGER NOT NULL DEFAULT 0,
    "lastRefusalAt" TIMESTAMP(3),
    "lastRefusalReason" TEXT,

    CONSTRAINT "WebhookDay_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "WebhookSubscription" (
    "id" TEXT NOT NULL,
    "targetUrl" TEXT NOT NULL,
    "events" TEXT[],
    "secretCiphertext" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SettingsChange" (
    "id" TEXT NOT NULL,
    "kind" "SettingsChangeKind" NOT NULL,
    "actorId" TEXT NOT NULL,
    "subject" TEXT,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SettingsChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Chat_activityAt_id_idx" ON "Chat"("activityAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Chat_sendingNumber_activityAt_id_idx" ON "Chat"("sendingNumber", "activityAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Chat_service_activityAt_id_idx" ON "Chat"("service", "activityAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Chat_health_activityAt_id_idx" ON "Chat"("health", "activityAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Chat_isGroup_activityAt_id_idx" ON "Chat"("isGroup", "activityAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Chat_outbound_activityAt_id_idx" ON "Chat"("outbound", "activityAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Chat_lastListedAt_idx" ON "Chat"("lastListedAt");

-- CreateIndex
CREATE INDEX "ChatSyncRun_startedAt_idx" ON "ChatSyncRun"("startedAt" DESC);

-- CreateIndex
CREATE INDEX "ChatSyncRun_status_idx" ON "ChatSyncRun"("status");

-- CreateIndex
CREATE INDEX "JobRun_startedAt_idx" ON "JobRun"("startedAt" DESC);

-- CreateIndex
CREATE INDEX "JobRun_queue_startedAt_idx" ON "JobRun"("queue", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_receivedAt_idx" ON "WebhookDelivery"("status", "receivedAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_receivedAt_idx" ON "WebhookDelivery"("receivedAt" DESC);

-- CreateIndex
CREATE INDEX "SettingsChange_createdAt_id_idx" ON "SettingsChange"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ChatShareState_lastSucceededAt_chatId_idx" ON "ChatShareState"("lastSucceededAt" DESC, "chatId" DESC);

-- AddForeignKey
ALTER TABLE "SettingsChange" ADD CONSTRAINT "SettingsChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Carry the answers of KnownChat over (a yes is kept for good), then drop it.
INSERT INTO "Chat" ("id", "sendingNumber", "service", "health", "hasLeft", "participants", "linqUpdatedAt",
                    "outbound", "outboundSince", "outboundSource", "outboundCheckedAt", "activityAt")
SELECT "chatId", "sendingNumber", "service", "health", "hasLeft", ARRAY[]::TEXT[], "updatedAt",
       CASE WHEN "hasOutbound" IS TRUE THEN 'YES'::"OutboundState" WHEN "hasOutbound" IS FALSE THEN 'NO'::"OutboundState" ELSE 'UNKNOWN'::"OutboundState" END,
       CASE WHEN "hasOutbound" IS NOT NULL THEN "checkedAt" END,
       CASE WHEN "hasOutbound" IS NOT NULL THEN 'MESSAGES'::"FactSource" END,
       "checkedAt", COALESCE("updatedAt", CURRENT_TIMESTAMP)
  FROM "KnownChat";
DROP TABLE "KnownChat";

-- Search by any part of a handle or of the display name: LIKE with wildcards, served by a trigram index.
CREATE INDEX "Chat_searchText_trgm_idx" ON "Chat" USING gin ("searchText" gin_trgm_ops);

-- Eligible now, on the facts of the chat itself (the card and the cooldown are checked per line and
-- per row): partial indexes in page order, for all numbers and for one.
CREATE INDEX "Chat_ready_idx" ON "Chat" ("activityAt" DESC, "id" DESC)
  WHERE "service" = 'iMessage' AND "outbound" = 'YES' AND NOT "hasLeft" AND "health" IS DISTINCT FROM 'OPTED_OUT' AND "goneAt" IS NULL;
CREATE INDEX "Chat_ready_line_idx" ON "Chat" ("sendingNumber", "activityAt" DESC, "id" DESC)
  WHERE "service" = 'iMessage' AND "outbound" = 'YES' AND NOT "hasLeft" AND "health" IS DISTINCT FROM 'OPTED_OUT' AND "goneAt" IS NULL;

-- At most one full sync runs at a time, whatever the number of instances asking for one.
CREATE UNIQUE INDEX "ChatSyncRun_one_running_idx" ON "ChatSyncRun" ((true)) WHERE "status" = 'RUNNING';
