-- Automatic share at the start of a conversation (lib/auto), its account-wide pause, and the
-- conversation timeline (ChatTurn) that Impact measures replies with.
-- CreateEnum
CREATE TYPE "AutoTrigger" AS ENUM ('FIRST_OUTBOUND', 'FIRST_REPLY');

-- CreateEnum
CREATE TYPE "AutoShareState" AS ENUM ('WAITING', 'SENDING', 'SHARED', 'SKIPPED', 'FAILED', 'UNKNOWN');

-- AlterEnum


ALTER TYPE "SettingsChangeKind" ADD VALUE 'AUTO_SHARE_CHANGED';
ALTER TYPE "SettingsChangeKind" ADD VALUE 'AUTO_SHARES_PAUSED';
ALTER TYPE "SettingsChangeKind" ADD VALUE 'AUTO_SHARES_RESUMED';

-- AlterEnum
ALTER TYPE "ShareSource" ADD VALUE 'AUTOMATIC';

-- CreateTable
CREATE TABLE "AutoShareRule" (
    "phoneNumber" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "trigger" "AutoTrigger" NOT NULL DEFAULT 'FIRST_OUTBOUND',
    "delayMinutes" INTEGER NOT NULL DEFAULT 2,
    "quietStart" TEXT,
    "quietEnd" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "includeGroups" BOOLEAN NOT NULL DEFAULT false,
    "dailyCap" INTEGER NOT NULL DEFAULT 100,
    "enabledAt" TIMESTAMP(3),
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AutoShareRule_pkey" PRIMARY KEY ("phoneNumber")
);

-- CreateTable
CREATE TABLE "AutoSharePause" (
    "id" TEXT NOT NULL DEFAULT 'account',
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "changedById" TEXT,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AutoSharePause_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AutoShare" (
    "chatId" TEXT NOT NULL,
    "phoneNumber" TEXT NOT NULL,
    "trigger" "AutoTrigger" NOT NULL,
    "triggeredAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "state" "AutoShareState" NOT NULL DEFAULT 'WAITING',
    "reason" TEXT,
    "capDay" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "eventId" TEXT,
    "attemptEventId" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AutoShare_pkey" PRIMARY KEY ("chatId")
);

-- CreateTable
CREATE TABLE "ChatTurn" (
    "chatId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "fromUs" BOOLEAN NOT NULL,

    CONSTRAINT "ChatTurn_pkey" PRIMARY KEY ("chatId","fromUs","at")
);

-- CreateIndex
CREATE INDEX "AutoShare_state_dueAt_idx" ON "AutoShare"("state", "dueAt");

-- CreateIndex
CREATE INDEX "AutoShare_phoneNumber_state_dueAt_idx" ON "AutoShare"("phoneNumber", "state", "dueAt");

-- CreateIndex
CREATE INDEX "AutoShare_phoneNumber_capDay_state_idx" ON "AutoShare"("phoneNumber", "capDay", "state");

-- CreateIndex
CREATE INDEX "AutoShare_createdAt_idx" ON "AutoShare"("createdAt");

-- History's "Source" filter, and Impact's shares by source.
CREATE INDEX "ShareEvent_source_createdAt_id_idx" ON "ShareEvent"("source", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ChatTurn_at_idx" ON "ChatTurn"("at");

-- CreateIndex
CREATE INDEX "ChatTurn_fromUs_at_idx" ON "ChatTurn"("fromUs", "at");

-- AddForeignKey
ALTER TABLE "AutoShareRule" ADD CONSTRAINT "AutoShareRule_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The Automatic-share sections of the card pages and Settings follow in every tab (lib/live).
CREATE TRIGGER "AutoShare_live_insert" AFTER INSERT ON "AutoShare" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('auto', 'phoneNumber');
CREATE TRIGGER "AutoShare_live_update" AFTER UPDATE ON "AutoShare" REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('auto', 'phoneNumber', 'chatId', 'leaseUntil,updatedAt');
CREATE TRIGGER "AutoShareRule_live_insert" AFTER INSERT ON "AutoShareRule" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('auto', 'phoneNumber');
CREATE TRIGGER "AutoShareRule_live_update" AFTER UPDATE ON "AutoShareRule" REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('auto', 'phoneNumber', 'phoneNumber', '');
CREATE TRIGGER "AutoSharePause_live_insert" AFTER INSERT ON "AutoSharePause" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('auto', 'id');
CREATE TRIGGER "AutoSharePause_live_update" AFTER UPDATE ON "AutoSharePause" REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('auto', 'id', 'id', '');
