-- CreateTable
CREATE TABLE "TrustPolicy" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "jwksUri" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "claims" JSONB NOT NULL,
    "projectId" UUID NOT NULL,
    "tokenId" UUID NOT NULL,
    "maxLifetimeSeconds" INTEGER NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrustPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FederationExchange" (
    "id" UUID NOT NULL,
    "policyId" UUID,
    "outcome" TEXT NOT NULL,
    "issuer" TEXT,
    "subject" TEXT,
    "ip" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FederationExchange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TrustPolicy_tokenId_key" ON "TrustPolicy"("tokenId");

-- CreateIndex
CREATE INDEX "TrustPolicy_issuer_idx" ON "TrustPolicy"("issuer");

-- CreateIndex
CREATE INDEX "TrustPolicy_projectId_createdAt_idx" ON "TrustPolicy"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "FederationExchange_policyId_createdAt_idx" ON "FederationExchange"("policyId", "createdAt");

-- CreateIndex
CREATE INDEX "FederationExchange_createdAt_idx" ON "FederationExchange"("createdAt");

-- AddForeignKey
ALTER TABLE "TrustPolicy" ADD CONSTRAINT "TrustPolicy_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrustPolicy" ADD CONSTRAINT "TrustPolicy_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "AccessToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrustPolicy" ADD CONSTRAINT "TrustPolicy_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
