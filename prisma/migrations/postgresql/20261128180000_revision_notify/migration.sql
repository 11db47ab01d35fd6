-- Every change of the knowledge base's revision is announced on the channel
-- kb_revision as {"schema": ..., "revision": ...}, delivered when the writing
-- transaction commits, so every instance drops its cached reads at once.
-- Hand-written: Prisma's schema language cannot describe triggers.
CREATE FUNCTION "kb_notify_revision"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('kb_revision', json_build_object('schema', TG_TABLE_SCHEMA, 'revision', NEW."value")::text);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Revision_notify"
AFTER INSERT OR UPDATE ON "Revision"
FOR EACH ROW EXECUTE FUNCTION "kb_notify_revision"();
