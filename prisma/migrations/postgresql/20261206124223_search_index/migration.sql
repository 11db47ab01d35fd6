-- The search index follows each search document's terms (src/search/index-document.ts):
-- a trigger writes a document's SearchTerm rows and its new SearchWord forms, and
-- replaces or removes them with it. The tsvector index it replaces is dropped;
-- "insertOrder" stays: search counts the documents ever indexed by it.
-- Hand-written: Prisma's schema language cannot describe triggers.
DROP INDEX "SearchDocument_searchVector_idx";
ALTER TABLE "SearchDocument" DROP COLUMN "searchVector";

-- The function runs with the schema it was created in (the migration's), as
-- the writers qualify table names rather than set a search path.
CREATE FUNCTION "kb_index_search_document"() RETURNS trigger SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM "SearchTerm" WHERE "type" = OLD."type" AND "recordId" = OLD."recordId";
  END IF;
  IF TG_OP <> 'DELETE' AND NEW."terms" <> '' THEN
    INSERT INTO "SearchTerm" ("term", "type", "recordId", "weight", "naming")
    SELECT t ->> 0, NEW."type", NEW."recordId", (t ->> 1)::float8, (t ->> 2) = '1'
    FROM jsonb_array_elements(NEW."terms"::jsonb) t;
    INSERT INTO "SearchWord" ("form", "term")
    SELECT s.form, t ->> 0 FROM jsonb_array_elements(NEW."terms"::jsonb) t,
      jsonb_array_elements_text(t) WITH ORDINALITY s(form, n)
    WHERE s.n > 3
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "SearchDocument_index"
AFTER INSERT OR DELETE OR UPDATE OF "terms" ON "SearchDocument"
FOR EACH ROW EXECUTE FUNCTION "kb_index_search_document"();

-- Completions and near spellings are read by ranges of the form in
-- code point order, whatever the database's collation.
CREATE INDEX "SearchWord_form_bytewise_idx" ON "SearchWord" ("form" COLLATE "C");
