-- AlterTable
ALTER TABLE "ObjectRow" ADD COLUMN "frozenTransitions" JSONB;

