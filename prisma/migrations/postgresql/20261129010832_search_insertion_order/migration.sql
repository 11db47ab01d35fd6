-- Search ranks the most recently indexed matches when more match than it ranks.
-- "createdAt" ordered them badly: one write dates every document it indexes
-- alike, so the recency scan read all of one type's documents before the next
-- type's. An identity column numbers documents in the order they are inserted,
-- as SQLite's rowid does (existing ones in their former order), and its index
-- serves the scan. Hand-written: Prisma's schema language cannot leave a column
-- to the database alone, as search reads it and nothing else writes it.
ALTER TABLE "SearchDocument" ADD COLUMN "insertOrder" BIGINT;

UPDATE "SearchDocument" d SET "insertOrder" = o."n"
FROM (SELECT "type", "recordId", row_number() OVER (ORDER BY "createdAt", "type", "recordId") AS "n" FROM "SearchDocument") o
WHERE d."type" = o."type" AND d."recordId" = o."recordId";

ALTER TABLE "SearchDocument" ALTER COLUMN "insertOrder" SET NOT NULL;
ALTER TABLE "SearchDocument" ALTER COLUMN "insertOrder" ADD GENERATED ALWAYS AS IDENTITY;
SELECT setval(pg_get_serial_sequence('"SearchDocument"', 'insertOrder'), COALESCE(MAX("insertOrder"), 0) + 1, false)
FROM "SearchDocument";

CREATE INDEX "SearchDocument_insertOrder_idx" ON "SearchDocument" ("insertOrder" DESC);
