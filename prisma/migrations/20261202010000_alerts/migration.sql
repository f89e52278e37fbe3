-- Alerts (Settings, Alerts): the events that alert, the email and Slack channels, each alert raised
-- once per occurrence (its key) and its delivery through each channel.
CREATE TYPE "AlertEvent" AS ENUM ('NUMBER_FLAGGED', 'NUMBER_UNFLAGGED', 'WEBHOOKS_SILENT', 'SYNC_FAILING', 'RUN_FAILURES', 'CARD_NOT_APPLIED', 'AUTO_SHARES_PAUSED', 'TEST');
CREATE TYPE "AlertChannelKind" AS ENUM ('EMAIL', 'SLACK');
CREATE TYPE "AlertDeliveryState" AS ENUM ('PENDING', 'SENT', 'FAILED');
ALTER TYPE "SettingsChangeKind" ADD VALUE 'ALERT_CHANNEL_CHANGED';
ALTER TYPE "SettingsChangeKind" ADD VALUE 'ALERT_EVENTS_CHANGED';

CREATE TABLE "AlertRule" (
    "event" "AlertEvent" NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "minutes" INTEGER,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "AlertRule_pkey" PRIMARY KEY ("event")
);

CREATE TABLE "AlertChannel" (
    "kind" "AlertChannelKind" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "settings" JSONB NOT NULL,
    "secretCiphertext" TEXT,
    "lastDeliveredAt" TIMESTAMP(3),
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "AlertChannel_pkey" PRIMARY KEY ("kind")
);

CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "event" "AlertEvent" NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "link" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AlertDelivery" (
    "alertId" TEXT NOT NULL,
    "channel" "AlertChannelKind" NOT NULL,
    "state" "AlertDeliveryState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    CONSTRAINT "AlertDelivery_pkey" PRIMARY KEY ("alertId", "channel")
);

CREATE UNIQUE INDEX "Alert_key_key" ON "Alert"("key");
CREATE INDEX "Alert_createdAt_id_idx" ON "Alert"("createdAt" DESC, "id" DESC);
CREATE INDEX "AlertDelivery_channel_state_nextAttemptAt_idx" ON "AlertDelivery"("channel", "state", "nextAttemptAt");

ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Settings, Alerts shows channels and recent alerts live.
CREATE TRIGGER "Alert_live_insert" AFTER INSERT ON "Alert" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('alerts', 'id');
CREATE TRIGGER "AlertDelivery_live_update" AFTER UPDATE ON "AlertDelivery" REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('alerts', 'alertId', 'alertId', '');
CREATE TRIGGER "AlertChannel_live_insert" AFTER INSERT ON "AlertChannel" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('alerts', 'kind');
CREATE TRIGGER "AlertChannel_live_update" AFTER UPDATE ON "AlertChannel" REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION console_live_publish('alerts', 'kind', 'kind', '');
