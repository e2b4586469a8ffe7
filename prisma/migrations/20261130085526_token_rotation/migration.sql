-- AlterTable
ALTER TABLE "AccessToken" ADD COLUMN     "previousDigest" TEXT,
ADD COLUMN     "previousSecretRepeatUntil" TIMESTAMP(3),
ADD COLUMN     "previousSecretValidUntil" TIMESTAMP(3),
ADD COLUMN     "secretFirstUsedAt" TIMESTAMP(3),
ADD COLUMN     "selfRotate" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "TokenPolicy" ADD COLUMN     "maxRotationOverlapSeconds" INTEGER NOT NULL DEFAULT 604800,
ADD COLUMN     "revokeOnRotatedSecretReuse" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "RetiredSecret" (
    "digest" TEXT NOT NULL,
    "tokenId" UUID NOT NULL,
    "retiredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RetiredSecret_pkey" PRIMARY KEY ("digest")
);

-- CreateIndex
CREATE INDEX "RetiredSecret_tokenId_idx" ON "RetiredSecret"("tokenId");

-- CreateIndex
CREATE UNIQUE INDEX "AccessToken_previousDigest_key" ON "AccessToken"("previousDigest");

-- AddForeignKey
ALTER TABLE "RetiredSecret" ADD CONSTRAINT "RetiredSecret_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "AccessToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;
