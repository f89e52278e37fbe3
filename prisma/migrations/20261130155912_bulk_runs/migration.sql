-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('RUNNING', 'PAUSED', 'CANCELLED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "RunItemState" AS ENUM ('PENDING', 'SENDING', 'RETRY', 'SHARED', 'REFUSED', 'FAILED', 'UNKNOWN', 'SKIPPED');

-- AlterEnum
ALTER TYPE "SettingsChangeKind" ADD VALUE 'SCHEDULE_CHANGED';

-- AlterTable
ALTER TABLE "ShareEvent" ADD COLUMN     "runId" TEXT;

-- CreateTable
CREATE TABLE "ShareRun" (
    "id" TEXT NOT NULL,
    "source" "ShareSource" NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'RUNNING',
    "createdById" TEXT NOT NULL,
    "selection" JSONB NOT NULL,
    "schedulePhone" TEXT,
    "scheduleDate" TEXT,
    "total" INTEGER NOT NULL DEFAULT 0,
    "shared" INTEGER NOT NULL DEFAULT 0,
    "refused" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "unknown" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "pausedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ShareRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShareRunItem" (
    "runId" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "sendingNumber" TEXT,
    "state" "RunItemState" NOT NULL DEFAULT 'PENDING',
    "reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "eventId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShareRunItem_pkey" PRIMARY KEY ("runId","chatId")
);

-- CreateTable
CREATE TABLE "ShareSchedule" (
    "phoneNumber" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "timeOfDay" TEXT NOT NULL DEFAULT '09:00',
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "onlyRepliedChats" BOOLEAN NOT NULL DEFAULT false,
    "lastRunDate" TEXT,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShareSchedule_pkey" PRIMARY KEY ("phoneNumber")
);

-- CreateIndex
CREATE INDEX "ShareRun_createdAt_id_idx" ON "ShareRun"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ShareRun_status_idx" ON "ShareRun"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ShareRun_schedulePhone_scheduleDate_key" ON "ShareRun"("schedulePhone", "scheduleDate");

-- CreateIndex
CREATE INDEX "ShareRunItem_runId_state_idx" ON "ShareRunItem"("runId", "state");

-- CreateIndex
CREATE INDEX "ShareEvent_runId_createdAt_id_idx" ON "ShareEvent"("runId", "createdAt" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "ShareRun" ADD CONSTRAINT "ShareRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareRunItem" ADD CONSTRAINT "ShareRunItem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ShareRun"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
