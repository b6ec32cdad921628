-- CreateIndex
CREATE INDEX "Deployment_createdAt_id_idx" ON "Deployment"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Deployment_environmentId_createdAt_idx" ON "Deployment"("environmentId", "createdAt");

-- CreateIndex
CREATE INDEX "Deployment_status_createdAt_idx" ON "Deployment"("status", "createdAt");

