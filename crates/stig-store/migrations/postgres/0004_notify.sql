-- Stig store, schema version 4 (PostgreSQL): a notification when a workspace changes, so other
-- nodes on the database learn of a design edit at once instead of at their next poll. The
-- channel `stig_workspace` carries the workspace id; `stig_events` (sent by the store with each
-- append) the id of a workspace with new events.
CREATE FUNCTION stig_workspace_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('stig_workspace', OLD.id);
    ELSE
        PERFORM pg_notify('stig_workspace', NEW.id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER workspaces_changed AFTER INSERT OR DELETE OR UPDATE OF revision ON workspaces
    FOR EACH ROW EXECUTE FUNCTION stig_workspace_changed();
