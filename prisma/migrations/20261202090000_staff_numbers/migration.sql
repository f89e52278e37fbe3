-- Staff limited to some sending numbers (operators and viewers): default every number.
ALTER TABLE "User" ADD COLUMN "limitedToNumbers" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "numbers" TEXT[] DEFAULT ARRAY[]::TEXT[];

ALTER TYPE "StaffChangeKind" ADD VALUE 'NUMBERS_CHANGED';

-- The sending numbers each run covers, read from its frozen chats ('' stands for a chat with no number
-- of the business) and its schedule's number.
ALTER TABLE "ShareRun" ADD COLUMN "numbers" TEXT[] DEFAULT ARRAY[]::TEXT[];

UPDATE "ShareRun" r SET "numbers" = ARRAY(
  SELECT DISTINCT n FROM (
    SELECT COALESCE(i."sendingNumber", '') AS n FROM "ShareRunItem" i WHERE i."runId" = r."id"
    UNION SELECT r."schedulePhone" WHERE r."schedulePhone" IS NOT NULL
  ) covered ORDER BY n
);

CREATE INDEX "ShareRun_numbers_idx" ON "ShareRun" USING GIN ("numbers");
