-- Nothing to do on SQLite: one process serves an embedded database, and other
-- processes' writes are found by the periodic revision check. (On PostgreSQL
-- this migration announces revision changes to every instance.)
SELECT 1;
