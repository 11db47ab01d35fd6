-- The identities of the actors already stored: name, aliases, Wikidata item,
-- ISO code. Hand-written: data, not schema.
INSERT INTO "ActorIdentity" ("kind", "value", "actorId", "createdAt", "updatedAt")
SELECT 'name', a."name", a."id", a."createdAt", a."updatedAt" FROM "Actor" a
UNION SELECT 'name', alias."value", a."id", a."createdAt", a."updatedAt" FROM "Actor" a, json_each(a."aliases") alias
UNION SELECT 'wikidata', a."wikidataId", a."id", a."createdAt", a."updatedAt" FROM "Actor" a WHERE a."wikidataId" IS NOT NULL
UNION SELECT 'iso3', a."iso3", a."id", a."createdAt", a."updatedAt" FROM "Actor" a WHERE a."iso3" IS NOT NULL;
