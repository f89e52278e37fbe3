-- CreateEnum
CREATE TYPE "CardWrite" AS ENUM ('CREATE', 'UPDATE');

-- CreateEnum
CREATE TYPE "CardRevisionOutcome" AS ENUM ('PENDING', 'APPLIED', 'NOT_APPLIED_YET', 'FAILED');

-- CreateTable
CREATE TABLE "Photo" (
    "hash" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Photo_pkey" PRIMARY KEY ("hash")
);

-- CreateTable
CREATE TABLE "CardRevision" (
    "id" TEXT NOT NULL,
    "phoneNumber" TEXT NOT NULL,
    "write" "CardWrite" NOT NULL,
    "fellBackToUpdate" BOOLEAN NOT NULL DEFAULT false,
    "sentFields" TEXT[],
    "beforeFirstName" TEXT,
    "beforeLastName" TEXT,
    "beforeImageUrl" TEXT,
    "afterFirstName" TEXT NOT NULL,
    "afterLastName" TEXT,
    "afterImageUrl" TEXT,
    "linqImageUrl" TEXT,
    "outcome" "CardRevisionOutcome" NOT NULL DEFAULT 'PENDING',
    "linqCode" INTEGER,
    "httpStatus" INTEGER,
    "traceId" TEXT,
    "errorMessage" TEXT,
    "actorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "CardRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CardRevision_phoneNumber_createdAt_idx" ON "CardRevision"("phoneNumber", "createdAt");

-- CreateIndex
CREATE INDEX "CardRevision_createdAt_idx" ON "CardRevision"("createdAt");

-- AddForeignKey
ALTER TABLE "CardRevision" ADD CONSTRAINT "CardRevision_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
