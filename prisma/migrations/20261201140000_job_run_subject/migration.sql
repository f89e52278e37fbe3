-- What a job worked on (a share run, a sync run), so that Settings can name it and link to it.
ALTER TABLE "JobRun" ADD COLUMN "subjectId" TEXT;
