-- What a knowledge base already holds enters the change feed as created at its
-- current revision, so a client mirroring from revision 0 receives all of it.
-- Hand-written: data, not schema.
INSERT INTO "Change" ("revision", "recordType", "recordId", "change")
SELECT "revision", "recordType", "recordId", 'created' FROM (
  SELECT 'sources' AS "recordType", "id" AS "recordId" FROM "Source"
  UNION ALL SELECT 'actors', "id" FROM "Actor"
  UNION ALL SELECT 'events', "id" FROM "Event"
  UNION ALL SELECT 'claims', "id" FROM "Claim"
  UNION ALL SELECT 'implications', "id" FROM "Implication"
) AS "records"
CROSS JOIN (SELECT COALESCE(MAX("value"), 0) AS "revision" FROM "Revision") AS "current"
ORDER BY "recordType", "recordId";
