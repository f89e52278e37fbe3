-- CreateEnum
CREATE TYPE "StaffChangeKind" AS ENUM ('CREATED', 'ROLE_CHANGED', 'DISABLED', 'ENABLED', 'PASSWORD_RESET', 'PASSWORD_LINK_CREATED', 'PASSWORD_SET');

-- DropIndex
DROP INDEX "CardRevision_createdAt_idx";

-- DropIndex
DROP INDEX "ShareEvent_actorId_createdAt_idx";

-- DropIndex
DROP INDEX "ShareEvent_chatId_createdAt_idx";

-- DropIndex
DROP INDEX "ShareEvent_createdAt_idx";

-- DropIndex
DROP INDEX "ShareEvent_outcome_createdAt_idx";

-- DropIndex
DROP INDEX "ShareEvent_sendingNumber_createdAt_idx";


-- RenameTable: the outbound cache becomes what the console knows about each chat (rows kept)
ALTER TABLE "ChatOutbound" RENAME TO "KnownChat";
ALTER TABLE "KnownChat" RENAME CONSTRAINT "ChatOutbound_pkey" TO "KnownChat_pkey";
ALTER TABLE "KnownChat"
    ALTER COLUMN "hasOutbound" DROP NOT NULL,
    ALTER COLUMN "checkedAt" DROP NOT NULL,
    ADD COLUMN "sendingNumber" TEXT,
    ADD COLUMN "service" TEXT,
    ADD COLUMN "health" TEXT,
    ADD COLUMN "hasLeft" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "updatedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "StaffChange" (
    "id" TEXT NOT NULL,
    "kind" "StaffChangeKind" NOT NULL,
    "actorId" TEXT,
    "targetId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasswordToken" (
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasswordToken_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "KnownChat_sendingNumber_idx" ON "KnownChat"("sendingNumber");

-- CreateIndex
CREATE INDEX "StaffChange_createdAt_id_idx" ON "StaffChange"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "StaffChange_targetId_createdAt_idx" ON "StaffChange"("targetId", "createdAt");

-- CreateIndex
CREATE INDEX "PasswordToken_userId_idx" ON "PasswordToken"("userId");

-- CreateIndex
CREATE INDEX "CardRevision_createdAt_id_idx" ON "CardRevision"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ShareEvent_createdAt_id_idx" ON "ShareEvent"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ShareEvent_outcome_createdAt_id_idx" ON "ShareEvent"("outcome", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ShareEvent_sendingNumber_createdAt_id_idx" ON "ShareEvent"("sendingNumber", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ShareEvent_actorId_createdAt_id_idx" ON "ShareEvent"("actorId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ShareEvent_chatId_createdAt_id_idx" ON "ShareEvent"("chatId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ShareEvent_participants_idx" ON "ShareEvent" USING GIN ("participants");

-- AddForeignKey
ALTER TABLE "StaffChange" ADD CONSTRAINT "StaffChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffChange" ADD CONSTRAINT "StaffChange_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordToken" ADD CONSTRAINT "PasswordToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "User" ADD COLUMN "sessionsRevokedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "ShareEvent_sendingNumber_outcome_createdAt_id_idx" ON "ShareEvent"("sendingNumber", "outcome", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ShareEvent_actorId_outcome_createdAt_id_idx" ON "ShareEvent"("actorId", "outcome", "createdAt" DESC, "id" DESC);
