-- Message search on SQLite (hand-written; PostgreSQL has had pg_trgm GIN indexes since
-- 20261126061128_audit_indexes). An FTS5 index with the trigram tokenizer over the messages of
-- frozen rows: a "contains" search looks up the rows holding the fragment's trigrams instead of
-- scanning every row, so a fragment without matches answers at once. Contentless (it stores no
-- text, only the index) with contentless_delete, so a row leaving is removed by its rowid.
-- server/audit/object-filters.ts queries it; the LIKE beside it keeps the exact "contains" rule.
CREATE VIRTUAL TABLE "ObjectRowMessageSearch" USING fts5("message", content='', contentless_delete=1, tokenize='trigram');

-- Rows enter the index when they are frozen (inserted frozen, or stamped by an update) and leave
-- it when they are deleted; live rows, whose messages change on every event, are never indexed.
CREATE TRIGGER "ObjectRow_message_search_insert" AFTER INSERT ON "ObjectRow" WHEN new."frozenAt" IS NOT NULL BEGIN
  INSERT INTO "ObjectRowMessageSearch" (rowid, "message") VALUES (new.rowid, new."message");
END;
CREATE TRIGGER "ObjectRow_message_search_update" AFTER UPDATE OF "frozenAt", "message" ON "ObjectRow" BEGIN
  DELETE FROM "ObjectRowMessageSearch" WHERE rowid = old.rowid AND old."frozenAt" IS NOT NULL;
  INSERT INTO "ObjectRowMessageSearch" (rowid, "message") SELECT new.rowid, new."message" WHERE new."frozenAt" IS NOT NULL;
END;
CREATE TRIGGER "ObjectRow_message_search_delete" AFTER DELETE ON "ObjectRow" WHEN old."frozenAt" IS NOT NULL BEGIN
  DELETE FROM "ObjectRowMessageSearch" WHERE rowid = old.rowid;
END;

-- The rows frozen before this migration.
INSERT INTO "ObjectRowMessageSearch" (rowid, "message") SELECT rowid, "message" FROM "ObjectRow" WHERE "frozenAt" IS NOT NULL;
