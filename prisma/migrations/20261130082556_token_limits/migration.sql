-- AlterTable
ALTER TABLE "AccessToken" ADD COLUMN     "limitCostPerHour" INTEGER,
ADD COLUMN     "limitRequestsPerMinute" INTEGER,
ADD COLUMN     "maxUses" INTEGER,
ADD COLUMN     "notBefore" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "TokenPolicy" ADD COLUMN     "costPerHour" INTEGER,
ADD COLUMN     "requestsPerMinute" INTEGER;

-- CreateTable
CREATE TABLE "TokenBudget" (
    "tokenId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "used" INTEGER NOT NULL,
    "granted" INTEGER NOT NULL,

    CONSTRAINT "TokenBudget_pkey" PRIMARY KEY ("tokenId","kind")
);

-- AddForeignKey
ALTER TABLE "TokenBudget" ADD CONSTRAINT "TokenBudget_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "AccessToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;
