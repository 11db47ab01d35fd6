-- The search index follows each search document's terms (src/search/index-document.ts):
-- triggers write a document's SearchTerm rows and its new SearchWord forms, and
-- replace or remove them with it. The FTS5 index they replace is dropped.
-- Hand-written: Prisma's schema language cannot describe triggers.
DROP TRIGGER IF EXISTS "SearchDocument_after_insert";
DROP TRIGGER IF EXISTS "SearchDocument_after_delete";
DROP TRIGGER IF EXISTS "SearchDocument_after_update";
DROP TABLE "SearchIndex";

CREATE TRIGGER "SearchDocument_index_insert" AFTER INSERT ON "SearchDocument" WHEN new."terms" <> '' BEGIN
    INSERT INTO "SearchTerm" ("term", "type", "recordId", "weight", "naming")
    SELECT t.value ->> 0, new."type", new."recordId", t.value ->> 1, t.value ->> 2 FROM json_each(new."terms") t;
    INSERT OR IGNORE INTO "SearchWord" ("form", "term")
    SELECT s.value, t.value ->> 0 FROM json_each(new."terms") t, json_each(t.value) s WHERE s.key >= 3;
END;

CREATE TRIGGER "SearchDocument_index_update" AFTER UPDATE OF "terms" ON "SearchDocument" BEGIN
    DELETE FROM "SearchTerm" WHERE "type" = old."type" AND "recordId" = old."recordId";
    INSERT INTO "SearchTerm" ("term", "type", "recordId", "weight", "naming")
    SELECT t.value ->> 0, new."type", new."recordId", t.value ->> 1, t.value ->> 2 FROM json_each(new."terms") t
    WHERE new."terms" <> '';
    INSERT OR IGNORE INTO "SearchWord" ("form", "term")
    SELECT s.value, t.value ->> 0 FROM json_each(new."terms") t, json_each(t.value) s
    WHERE new."terms" <> '' AND s.key >= 3;
END;

CREATE TRIGGER "SearchDocument_index_delete" AFTER DELETE ON "SearchDocument" BEGIN
    DELETE FROM "SearchTerm" WHERE "type" = old."type" AND "recordId" = old."recordId";
END;
