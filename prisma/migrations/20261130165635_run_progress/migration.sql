-- AlterTable
ALTER TABLE "ShareRun" ADD COLUMN     "progressAt" TIMESTAMP(3);
