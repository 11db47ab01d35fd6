-- Full-text index over SearchDocument: a generated, weighted tsvector with a GIN index.
-- Hand-written: Prisma's schema language cannot describe generated tsvector columns.
ALTER TABLE "SearchDocument" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', "title"), 'A') || setweight(to_tsvector('english', "body"), 'B')
) STORED;

CREATE INDEX "SearchDocument_searchVector_idx" ON "SearchDocument" USING GIN ("searchVector");
