-- DropIndex
DROP INDEX "Device_projectId_createdAt_idx";

-- CreateIndex
CREATE INDEX "Project_createdAt_id_idx" ON "Project"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Device_projectId_createdAt_id_idx" ON "Device"("projectId", "createdAt", "id");
