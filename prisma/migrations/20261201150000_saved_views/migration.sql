-- Named filters of the Chats page, personal or shared, listed in the navigation with their counts.
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "ownerId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "SavedView_ownerId_name_idx" ON "SavedView"("ownerId", "name");

CREATE INDEX "SavedView_shared_name_idx" ON "SavedView"("shared", "name");

ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Announced to open pages (lib/live): the navigation's list of views follows in every tab.
CREATE TRIGGER "SavedView_live_insert" AFTER INSERT ON "SavedView" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('views', 'id');
CREATE TRIGGER "SavedView_live_update" AFTER UPDATE ON "SavedView" REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('views', 'id', 'id', '');
CREATE TRIGGER "SavedView_live_delete" AFTER DELETE ON "SavedView" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('views', 'id');
