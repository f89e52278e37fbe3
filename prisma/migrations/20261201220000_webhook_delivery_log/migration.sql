-- The webhook delivery log (Settings, Webhooks, Delivery log): what each delivery is about, what
-- applying it changed and how long that took, filtered by event type.
ALTER TABLE "WebhookDelivery" ADD COLUMN "subject" TEXT,
ADD COLUMN "change" TEXT,
ADD COLUMN "applyMs" INTEGER;

-- CreateIndex
CREATE INDEX "WebhookDelivery_eventType_receivedAt_idx" ON "WebhookDelivery"("eventType", "receivedAt" DESC);
