-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN "claimedBy" TEXT;
ALTER TABLE "Deployment" ADD COLUMN "leaseExpiresAt" DATETIME;


-- Written by hand (Prisma cannot express a partial index): at most one Running deployment per
-- environment, whichever instance claims it (server/deploy/queue/claims.ts).
CREATE UNIQUE INDEX "Deployment_one_running_per_environment" ON "Deployment"("environmentId") WHERE "status" = 'Running';
