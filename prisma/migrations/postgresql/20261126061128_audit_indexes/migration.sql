-- AlterTable
ALTER TABLE "ObjectRow" ADD COLUMN     "environmentId" TEXT,
ADD COLUMN     "frozenAt" TIMESTAMP(3),
ADD COLUMN     "projectId" TEXT,
ADD COLUMN     "stepStatus" TEXT;

-- CreateIndex
CREATE INDEX "StepRun_frozenAt_id_idx" ON "StepRun"("frozenAt", "id");

-- CreateIndex
CREATE INDEX "ObjectRow_frozenAt_stepRunId_id_idx" ON "ObjectRow"("frozenAt", "stepRunId", "id");

-- CreateIndex
CREATE INDEX "ObjectRow_kind_frozenAt_idx" ON "ObjectRow"("kind", "frozenAt");

-- CreateIndex
CREATE INDEX "ObjectRow_projectId_frozenAt_idx" ON "ObjectRow"("projectId", "frozenAt");

-- CreateIndex
CREATE INDEX "ObjectRow_environmentId_frozenAt_idx" ON "ObjectRow"("environmentId", "frozenAt");


-- Backfill the snapshot context of rows frozen before these columns existed
-- (server/audit/snapshot-row-context.ts stamps new snapshots when they are frozen).
UPDATE "ObjectRow" SET
  "frozenAt" = (SELECT s."frozenAt" FROM "StepRun" s WHERE s."id" = "ObjectRow"."stepRunId"),
  "stepStatus" = (SELECT s."status" FROM "StepRun" s WHERE s."id" = "ObjectRow"."stepRunId"),
  "projectId" = (SELECT d."projectId" FROM "StepRun" s JOIN "Deployment" d ON d."id" = s."deploymentId" WHERE s."id" = "ObjectRow"."stepRunId"),
  "environmentId" = (SELECT d."environmentId" FROM "StepRun" s JOIN "Deployment" d ON d."id" = s."deploymentId" WHERE s."id" = "ObjectRow"."stepRunId")
WHERE "stepRunId" IN (SELECT "id" FROM "StepRun" WHERE "frozenAt" IS NOT NULL);

-- Hand-written: trigram indexes for the audit search's name and message matching (ILIKE '%x%',
-- LIKE 'x%' under any collation). pg_trgm is a trusted extension (PostgreSQL 13+): the database
-- owner may create it. Measurements: docs/audit.md.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "ObjectRow_name_trgm_idx" ON "ObjectRow" USING GIN ("name" gin_trgm_ops);
CREATE INDEX "ObjectRow_message_trgm_idx" ON "ObjectRow" USING GIN ("message" gin_trgm_ops);
