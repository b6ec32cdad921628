-- AlterTable
ALTER TABLE "ObjectRow" ADD COLUMN     "frozenTransitions" JSONB;


-- Hand-written (Prisma's schema has no index storage parameters): the trigram indexes of the audit
-- search keep up to 16 MB of new entries in their pending list (default 4 MB), and each freeze
-- merges the list after it commits (server/store/search-index-merge.ts), so a freeze no longer
-- pays the merge of the freezes before it (issue 12).
ALTER INDEX "ObjectRow_name_trgm_idx" SET (gin_pending_list_limit = 16384);
ALTER INDEX "ObjectRow_message_trgm_idx" SET (gin_pending_list_limit = 16384);
