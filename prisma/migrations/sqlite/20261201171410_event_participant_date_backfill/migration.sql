-- Each participation takes its event's date, so that an actor's events page
-- from the (actorId, eventDate, eventId) index. Hand-written: data, not schema.
UPDATE "EventParticipant" SET "eventDate" = (
  SELECT e."date" FROM "Event" e WHERE e."id" = "EventParticipant"."eventId"
);
