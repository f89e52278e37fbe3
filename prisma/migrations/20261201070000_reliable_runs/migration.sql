-- AlterEnum
ALTER TYPE "JobRunStatus" ADD VALUE 'INTERRUPTED';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "SettingsChangeKind" ADD VALUE 'RUN_TAKEN_OVER';
ALTER TYPE "SettingsChangeKind" ADD VALUE 'SCHEDULE_TAKEN_OVER';

-- AlterTable
ALTER TABLE "JobRun" ADD COLUMN     "heartbeatAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ShareEvent" ADD COLUMN     "docUrl" TEXT,
ADD COLUMN     "reason" TEXT,
ADD COLUMN     "supersededAt" TIMESTAMP(3),
ADD COLUMN     "supersededById" TEXT;

-- AlterTable
ALTER TABLE "ShareHoldRelease" ADD COLUMN     "reason" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "ShareRun" ADD COLUMN     "pausedReason" TEXT,
ADD COLUMN     "retriedByRunId" TEXT;

-- AlterTable
ALTER TABLE "ShareRunItem" ADD COLUMN     "attemptEventId" TEXT;

-- AlterTable
ALTER TABLE "ShareSchedule" ADD COLUMN     "lastRunAt" TIMESTAMP(3),
ADD COLUMN     "lastRunId" TEXT,
ADD COLUMN     "lastRunNote" TEXT,
ADD COLUMN     "savedAt" TIMESTAMP(3);

-- AddForeignKey
ALTER TABLE "ShareSchedule" ADD CONSTRAINT "ShareSchedule_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "JobRun_status_heartbeatAt_idx" ON "JobRun"("status", "heartbeatAt");

-- CreateIndex
CREATE UNIQUE INDEX "ShareRun_retriedByRunId_key" ON "ShareRun"("retriedByRunId");


-- Chats in a run that has not reached them yet: a new run leaves them out (they are covered).
CREATE INDEX "ShareRunItem_open_chat_idx" ON "ShareRunItem" ("chatId") WHERE "state" IN ('PENDING', 'SENDING', 'RETRY');

-- "Failed" figures count chats whose latest attempt failed: the failures no later attempt settled.
CREATE INDEX "ShareEvent_open_failures_idx" ON "ShareEvent" ("createdAt" DESC, "id" DESC) WHERE "outcome" = 'FAILED' AND "supersededAt" IS NULL;

-- Failures and unknown outcomes recorded before this migration: superseded by the next settled
-- attempt on the same chat (the same rule lib/shares/supersede.ts applies from now on).
WITH "next" AS (
  SELECT e."id" AS "eventId", n."id", n."at"
    FROM "ShareEvent" e
   CROSS JOIN LATERAL (
     SELECT l."id", COALESCE(l."completedAt", l."createdAt") AS "at"
       FROM "ShareEvent" l
      WHERE l."chatId" = e."chatId" AND (l."createdAt", l."id") > (e."createdAt", e."id")
        AND (l."outcome" IN ('SUCCEEDED', 'FAILED', 'UNKNOWN') OR (e."outcome" = 'FAILED' AND l."outcome" = 'REFUSED'))
      ORDER BY l."createdAt", l."id"
      LIMIT 1
   ) n
   WHERE e."outcome" IN ('FAILED', 'UNKNOWN')
)
UPDATE "ShareEvent" e SET "supersededById" = "next"."id", "supersededAt" = "next"."at"
  FROM "next" WHERE e."id" = "next"."eventId";

-- The real time of each schedule's last run, for the "about a day apart" rule.
UPDATE "ShareSchedule" s
   SET "lastRunAt" = r."createdAt", "lastRunId" = r."id"
  FROM "ShareRun" r
 WHERE r."schedulePhone" = s."phoneNumber" AND r."scheduleDate" = s."lastRunDate";
