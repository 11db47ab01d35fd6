-- Backfill: every document as it stands, at the current revision. History
-- before this migration is its statements' only (README: as of a revision).
INSERT INTO "DocumentVersion" ("documentId", "revision", "text", "evidence")
SELECT s."id",
  COALESCE((SELECT r."value" FROM "Revision" r WHERE r."id" = 1), 0),
  s."text",
  COALESCE((SELECT json_agg(json_build_object('id', e."id", 'quote', e."quote", 'start', e."start", 'end', e."end", 'actorId', e."actorId", 'eventId', e."eventId", 'claimId', e."claimId", 'implicationId', e."implicationId", 'issueId', e."issueId", 'positionId', e."positionId", 'resolutionId', e."resolutionId", 'mentionedSourceId', e."mentionedSourceId") ORDER BY e."id") FROM "Evidence" e WHERE e."sourceId" = s."id")::text, '[]')
FROM "Source" s WHERE s."text" IS NOT NULL;
