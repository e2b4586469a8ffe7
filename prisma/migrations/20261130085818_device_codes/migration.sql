-- CreateEnum
CREATE TYPE "DeviceCodeStatus" AS ENUM ('PENDING', 'APPROVED', 'DENIED', 'ISSUED');

-- CreateTable
CREATE TABLE "DeviceCode" (
    "id" UUID NOT NULL,
    "deviceCodeDigest" TEXT NOT NULL,
    "userCodeDigest" TEXT NOT NULL,
    "projectId" UUID NOT NULL,
    "deviceName" TEXT,
    "status" "DeviceCodeStatus" NOT NULL DEFAULT 'PENDING',
    "intervalSeconds" INTEGER NOT NULL,
    "lastPolledAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "ip" TEXT,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "deviceId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeviceCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DeviceCode_deviceCodeDigest_key" ON "DeviceCode"("deviceCodeDigest");

-- CreateIndex
CREATE UNIQUE INDEX "DeviceCode_userCodeDigest_key" ON "DeviceCode"("userCodeDigest");

-- CreateIndex
CREATE INDEX "DeviceCode_expiresAt_idx" ON "DeviceCode"("expiresAt");

-- AddForeignKey
ALTER TABLE "DeviceCode" ADD CONSTRAINT "DeviceCode_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceCode" ADD CONSTRAINT "DeviceCode_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
