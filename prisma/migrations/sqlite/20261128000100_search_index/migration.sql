-- Full-text index over SearchDocument (FTS5, external content), kept in step by triggers.
-- Hand-written: Prisma's schema language cannot describe virtual tables.
CREATE VIRTUAL TABLE "SearchIndex" USING fts5(
    title,
    body,
    content = 'SearchDocument',
    content_rowid = 'rowid',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER "SearchDocument_after_insert" AFTER INSERT ON "SearchDocument" BEGIN
    INSERT INTO "SearchIndex" (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;

CREATE TRIGGER "SearchDocument_after_delete" AFTER DELETE ON "SearchDocument" BEGIN
    INSERT INTO "SearchIndex" ("SearchIndex", rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
END;

CREATE TRIGGER "SearchDocument_after_update" AFTER UPDATE ON "SearchDocument" BEGIN
    INSERT INTO "SearchIndex" ("SearchIndex", rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
    INSERT INTO "SearchIndex" (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
