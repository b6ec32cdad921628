-- DropIndex
DROP INDEX "ObjectRow_kind_status_idx";

-- DropIndex
DROP INDEX "ObjectRow_namespace_name_idx";

-- DropIndex
DROP INDEX "ObjectRow_kind_frozenAt_idx";

-- CreateIndex
CREATE INDEX "ObjectRow_kind_frozenAt_stepRunId_id_idx" ON "ObjectRow"("kind", "frozenAt", "stepRunId", "id");

-- CreateIndex
CREATE INDEX "ObjectRow_kind_status_frozenAt_stepRunId_id_idx" ON "ObjectRow"("kind", "status", "frozenAt", "stepRunId", "id");

-- CreateIndex
CREATE INDEX "ObjectRow_namespace_frozenAt_stepRunId_id_idx" ON "ObjectRow"("namespace", "frozenAt", "stepRunId", "id");

-- CreateIndex
CREATE INDEX "ObjectRow_stepStatus_frozenAt_stepRunId_id_idx" ON "ObjectRow"("stepStatus", "frozenAt", "stepRunId", "id");

