-- CreateEnum
CREATE TYPE "ShareSource" AS ENUM ('MANUAL', 'BULK', 'SCHEDULED');

-- CreateEnum
CREATE TYPE "ShareOutcome" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUSED');

-- CreateTable
CREATE TABLE "ChatOutbound" (
    "chatId" TEXT NOT NULL,
    "hasOutbound" BOOLEAN NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatOutbound_pkey" PRIMARY KEY ("chatId")
);

-- CreateTable
CREATE TABLE "ShareEvent" (
    "id" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "chatLabel" TEXT NOT NULL,
    "sendingNumber" TEXT,
    "participants" TEXT[],
    "actorId" TEXT NOT NULL,
    "source" "ShareSource" NOT NULL DEFAULT 'MANUAL',
    "outcome" "ShareOutcome" NOT NULL DEFAULT 'PENDING',
    "message" TEXT,
    "linqCode" INTEGER,
    "httpStatus" INTEGER,
    "traceId" TEXT,
    "latencyMs" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "ShareEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatShareState" (
    "chatId" TEXT NOT NULL,
    "lastSucceededAt" TIMESTAMP(3),
    "reservedAt" TIMESTAMP(3),
    "reservedBy" TEXT,

    CONSTRAINT "ChatShareState_pkey" PRIMARY KEY ("chatId")
);

-- CreateIndex
CREATE INDEX "ShareEvent_chatId_createdAt_idx" ON "ShareEvent"("chatId", "createdAt");

-- CreateIndex
CREATE INDEX "ShareEvent_createdAt_idx" ON "ShareEvent"("createdAt");

-- CreateIndex
CREATE INDEX "ShareEvent_outcome_createdAt_idx" ON "ShareEvent"("outcome", "createdAt");

-- CreateIndex
CREATE INDEX "ShareEvent_sendingNumber_createdAt_idx" ON "ShareEvent"("sendingNumber", "createdAt");

-- CreateIndex
CREATE INDEX "ShareEvent_actorId_createdAt_idx" ON "ShareEvent"("actorId", "createdAt");

-- AddForeignKey
ALTER TABLE "ShareEvent" ADD CONSTRAINT "ShareEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
