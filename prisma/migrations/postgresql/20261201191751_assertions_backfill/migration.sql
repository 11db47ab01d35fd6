-- Every stored record becomes a statement of each document that gives
-- evidence for it (a source: of itself, when it is a document, and of each
-- document citing it). The store before assertions let a second document add
-- to a record only if it left its fields as they were, so each document did
-- state those fields; which one added a link was not kept, so every link is
-- each such document's. Hand-written: data, not schema. `npm run synth`
-- builds its statements with this same SQL.
CREATE TEMP TABLE "_revision" AS SELECT COALESCE((SELECT "value" FROM "Revision" WHERE "id" = 1), 0) AS "value";

INSERT INTO "Assertion" ("documentId", "recordType", "recordId", "fields", "revision", "since", "createdAt", "updatedAt")
SELECT d."documentId", 'source', s."id",
  json_build_object('kind', s."kind", 'title', s."title", 'publisher', s."publisher", 'url', s."url", 'description', s."description"),
  r."value", r."value", s."createdAt", s."updatedAt"
FROM "Source" s
JOIN (SELECT "id" AS "sourceId", "id" AS "documentId" FROM "Source" WHERE "text" IS NOT NULL
      UNION SELECT "citedId", "citingId" FROM "SourceCitation") d ON d."sourceId" = s."id" CROSS JOIN "_revision" r;

INSERT INTO "Assertion" ("documentId", "recordType", "recordId", "fields", "revision", "since", "createdAt", "updatedAt")
SELECT d."sourceId", 'actor', a."id",
  json_build_object('kind', a."kind", 'name', a."name", 'aliases', a."aliases"::json, 'description', a."description",
    'wikidataId', a."wikidataId", 'iso3', a."iso3", 'actsFor', a."actsForId", 'role', a."role"),
  r."value", r."value", a."createdAt", a."updatedAt"
FROM "Actor" a
JOIN (SELECT DISTINCT "sourceId", "actorId" FROM "Evidence" WHERE "actorId" IS NOT NULL) d ON d."actorId" = a."id" CROSS JOIN "_revision" r;

INSERT INTO "Assertion" ("documentId", "recordType", "recordId", "fields", "revision", "since", "createdAt", "updatedAt")
SELECT d."sourceId", 'event', e."id",
  json_build_object('title', e."title", 'summary', e."summary",
    'date', substr(to_char(e."date", 'YYYY-MM-DD'), 1, CASE e."datePrecision" WHEN 'day' THEN 10 WHEN 'month' THEN 7 ELSE 4 END),
    'endDate', to_char(e."endDate", 'YYYY-MM-DD'), 'location', e."location",
    'participants', (SELECT COALESCE(json_agg(json_build_object('actor', p."actorId", 'role', p."role") ORDER BY p."actorId"), '[]'::json)
      FROM "EventParticipant" p WHERE p."eventId" = e."id")),
  r."value", r."value", e."createdAt", e."updatedAt"
FROM "Event" e
JOIN (SELECT DISTINCT "sourceId", "eventId" FROM "Evidence" WHERE "eventId" IS NOT NULL) d ON d."eventId" = e."id" CROSS JOIN "_revision" r;

INSERT INTO "Assertion" ("documentId", "recordType", "recordId", "fields", "revision", "since", "createdAt", "updatedAt")
SELECT d."sourceId", 'claim', c."id",
  json_build_object('kind', c."kind", 'text', c."text", 'speaker', c."speakerId",
    'about', (SELECT COALESCE(json_agg(a."actorId" ORDER BY a."actorId"), '[]'::json)
      FROM "ClaimActor" a WHERE a."claimId" = c."id"),
    'figure', CASE WHEN c."figureValue" IS NULL OR c."figureUnit" IS NULL THEN NULL
      ELSE json_build_object('value', c."figureValue", 'unit', c."figureUnit") END),
  r."value", r."value", c."createdAt", c."updatedAt"
FROM "Claim" c
JOIN (SELECT DISTINCT "sourceId", "claimId" FROM "Evidence" WHERE "claimId" IS NOT NULL) d ON d."claimId" = c."id" CROSS JOIN "_revision" r;

INSERT INTO "Assertion" ("documentId", "recordType", "recordId", "fields", "revision", "since", "createdAt", "updatedAt")
SELECT d."sourceId", 'implication', i."id",
  json_build_object('kind', i."kind", 'title', i."title", 'summary', i."summary",
    'actors', (SELECT COALESCE(json_agg(json_build_object('actor', a."actorId", 'role', a."role") ORDER BY a."actorId"), '[]'::json)
      FROM "ImplicationActor" a WHERE a."implicationId" = i."id"),
    'claims', (SELECT COALESCE(json_agg(c."claimId" ORDER BY c."claimId"), '[]'::json)
      FROM "ImplicationClaim" c WHERE c."implicationId" = i."id")),
  r."value", r."value", i."createdAt", i."updatedAt"
FROM "Implication" i
JOIN (SELECT DISTINCT "sourceId", "implicationId" FROM "Evidence" WHERE "implicationId" IS NOT NULL) d ON d."implicationId" = i."id" CROSS JOIN "_revision" r;

DROP TABLE "_revision";

UPDATE "Source" SET "sourceCount" = (SELECT COUNT(DISTINCT "documentId") FROM "Assertion" WHERE "recordType" = 'source' AND "recordId" = "Source"."id");
UPDATE "Actor" SET "sourceCount" = (SELECT COUNT(DISTINCT "documentId") FROM "Assertion" WHERE "recordType" = 'actor' AND "recordId" = "Actor"."id");
UPDATE "Event" SET "sourceCount" = (SELECT COUNT(DISTINCT "documentId") FROM "Assertion" WHERE "recordType" = 'event' AND "recordId" = "Event"."id");
UPDATE "Claim" SET "sourceCount" = (SELECT COUNT(DISTINCT "documentId") FROM "Assertion" WHERE "recordType" = 'claim' AND "recordId" = "Claim"."id");
UPDATE "Implication" SET "sourceCount" = (SELECT COUNT(DISTINCT "documentId") FROM "Assertion" WHERE "recordType" = 'implication' AND "recordId" = "Implication"."id");
