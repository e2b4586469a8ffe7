-- DropIndex
DROP INDEX "AccessToken_ownerId_createdAt_idx";

-- DropIndex
DROP INDEX "AccessToken_projectId_createdAt_idx";

-- DropIndex
DROP INDEX "TokenEvent_tokenId_createdAt_idx";

-- DropIndex
DROP INDEX "TokenEvent_createdAt_idx";

-- DropIndex
DROP INDEX "TokenEvent_actorId_createdAt_idx";

-- DropIndex
DROP INDEX "Notification_userId_createdAt_idx";

-- DropIndex
DROP INDEX "Webhook_projectId_idx";

-- DropIndex
DROP INDEX "WebhookDelivery_webhookId_createdAt_idx";

-- DropIndex
DROP INDEX "TrustPolicy_projectId_createdAt_idx";

-- DropIndex
DROP INDEX "EnrollmentToken_projectId_createdAt_idx";

-- CreateIndex
CREATE INDEX "User_createdAt_id_idx" ON "User"("createdAt", "id");

-- CreateIndex
CREATE INDEX "AccessToken_ownerId_createdAt_id_idx" ON "AccessToken"("ownerId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "AccessToken_projectId_createdAt_id_idx" ON "AccessToken"("projectId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "AccessToken_createdAt_id_idx" ON "AccessToken"("createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "TokenEvent_tokenId_createdAt_id_idx" ON "TokenEvent"("tokenId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "TokenEvent_createdAt_id_idx" ON "TokenEvent"("createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "TokenEvent_actorId_createdAt_id_idx" ON "TokenEvent"("actorId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_id_idx" ON "Notification"("userId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Webhook_projectId_createdAt_id_idx" ON "Webhook"("projectId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Webhook_createdAt_id_idx" ON "Webhook"("createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "WebhookDelivery_webhookId_createdAt_id_idx" ON "WebhookDelivery"("webhookId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "TrustPolicy_projectId_createdAt_id_idx" ON "TrustPolicy"("projectId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "TrustPolicy_createdAt_id_idx" ON "TrustPolicy"("createdAt", "id");

-- CreateIndex
CREATE INDEX "EnrollmentToken_projectId_createdAt_id_idx" ON "EnrollmentToken"("projectId", "createdAt" DESC, "id");
