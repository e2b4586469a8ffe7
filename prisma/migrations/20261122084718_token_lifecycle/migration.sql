-- CreateEnum
CREATE TYPE "TokenEventKind" AS ENUM ('CREATED', 'UPDATED', 'REGENERATED', 'COPIED', 'REVOKED', 'EXPIRED', 'NEW_IP');

-- AlterTable
ALTER TABLE "AccessToken" ADD COLUMN     "expiredNoticeAt" TIMESTAMP(3),
ADD COLUMN     "expiringNoticeAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "TokenEvent" (
    "id" UUID NOT NULL,
    "tokenId" UUID NOT NULL,
    "kind" "TokenEventKind" NOT NULL,
    "actorId" UUID,
    "ip" TEXT,
    "details" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TokenEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TokenIp" (
    "tokenId" UUID NOT NULL,
    "ip" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TokenIp_pkey" PRIMARY KEY ("tokenId","ip")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "tokenId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TokenEvent_tokenId_createdAt_idx" ON "TokenEvent"("tokenId", "createdAt");

-- CreateIndex
CREATE INDEX "TokenEvent_createdAt_idx" ON "TokenEvent"("createdAt");

-- CreateIndex
CREATE INDEX "TokenEvent_actorId_createdAt_idx" ON "TokenEvent"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_tokenId_kind_userId_key" ON "Notification"("tokenId", "kind", "userId");

-- AddForeignKey
ALTER TABLE "TokenEvent" ADD CONSTRAINT "TokenEvent_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "AccessToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TokenEvent" ADD CONSTRAINT "TokenEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TokenIp" ADD CONSTRAINT "TokenIp_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "AccessToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "AccessToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;
