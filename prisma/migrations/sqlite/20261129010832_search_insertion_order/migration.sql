-- Nothing to do on SQLite: search reads the most recently indexed matches in
-- the order of the full-text index's rowid. (On PostgreSQL this migration adds
-- an identity column that gives the same order.)
SELECT 1;
