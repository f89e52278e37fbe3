-- AlterEnum
ALTER TYPE "ShareOutcome" ADD VALUE 'UNKNOWN';

-- AlterTable
ALTER TABLE "ChatShareState" ADD COLUMN     "heldByEventId" TEXT,
ADD COLUMN     "succeededBeforeHold" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "LoginAttempt" ALTER COLUMN "succeeded" DROP NOT NULL;

-- CreateTable
CREATE TABLE "ShareHoldRelease" (
    "id" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShareHoldRelease_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ShareHoldRelease_chatId_createdAt_idx" ON "ShareHoldRelease"("chatId", "createdAt");

-- AddForeignKey
ALTER TABLE "ShareHoldRelease" ADD CONSTRAINT "ShareHoldRelease_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
