-- CreateEnum
CREATE TYPE "TokenNoticeKind" AS ENUM ('EXPIRING', 'EXPIRED', 'UNUSED');

-- CreateEnum
CREATE TYPE "WebhookEvent" AS ENUM ('TOKEN_CREATED', 'TOKEN_UPDATED', 'TOKEN_REGENERATED', 'TOKEN_REVOKED', 'TOKEN_EXPIRING', 'TOKEN_EXPIRED', 'TOKEN_EXPOSED', 'TOKEN_IP_DENIED', 'TOKEN_ROTATED_SECRET_REUSED');

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- DropIndex
DROP INDEX "Notification_tokenId_kind_userId_key";


-- AlterTable
ALTER TABLE "TokenPolicy" ADD COLUMN     "expiryNoticeDays" INTEGER[] DEFAULT ARRAY[30, 7, 0]::INTEGER[],
ADD COLUMN     "revokeUnusedAfterDays" INTEGER;

-- CreateTable
CREATE TABLE "TokenNotice" (
    "tokenId" UUID NOT NULL,
    "kind" "TokenNoticeKind" NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "day" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TokenNotice_pkey" PRIMARY KEY ("tokenId","kind","dueAt","day")
);

-- CreateTable
CREATE TABLE "Webhook" (
    "id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "events" "WebhookEvent"[],
    "projectId" UUID,
    "createdById" UUID,
    "sealedSecret" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "failingSince" TIMESTAMP(3),
    "disabledAt" TIMESTAMP(3),
    "disabledReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" UUID NOT NULL,
    "webhookId" UUID NOT NULL,
    "messageId" TEXT NOT NULL,
    "event" "WebhookEvent" NOT NULL,
    "tokenEventId" UUID,
    "payload" JSONB NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "lastAttemptAt" TIMESTAMP(3),
    "lastResponseStatus" INTEGER,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Webhook_projectId_idx" ON "Webhook"("projectId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_webhookId_createdAt_idx" ON "WebhookDelivery"("webhookId", "createdAt");

-- CreateIndex
CREATE INDEX "AccessToken_lastUsedAt_idx" ON "AccessToken"("lastUsedAt");

-- CreateIndex
CREATE INDEX "Notification_tokenId_idx" ON "Notification"("tokenId");

-- Notices already sent under the old rule (7 days before, at expiry) are not sent again: the
-- 30-day one too lies in the past for a token already warned 7 days before.
INSERT INTO "TokenNotice" ("tokenId", "kind", "dueAt", "day", "sentAt")
SELECT t."id", 'EXPIRING', t."expiresAt", d.day, t."expiringNoticeAt"
FROM "AccessToken" t CROSS JOIN (VALUES (30), (7)) AS d(day)
WHERE t."expiringNoticeAt" IS NOT NULL AND t."expiresAt" IS NOT NULL;
INSERT INTO "TokenNotice" ("tokenId", "kind", "dueAt", "day", "sentAt")
SELECT t."id", 'EXPIRED', t."expiresAt", 0, t."expiredNoticeAt"
FROM "AccessToken" t
WHERE t."expiredNoticeAt" IS NOT NULL AND t."expiresAt" IS NOT NULL;

-- AlterTable
ALTER TABLE "AccessToken" DROP COLUMN "expiredNoticeAt",
DROP COLUMN "expiringNoticeAt";

-- AddForeignKey
ALTER TABLE "TokenNotice" ADD CONSTRAINT "TokenNotice_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "AccessToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;
