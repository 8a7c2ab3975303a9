-- After-commit fan-out of domain events (platform/events/dispatcher.ts, live-feed.ts) and ticket
-- versions for collision detection (modules/tickets/collision.ts).

-- The transaction that wrote each event. Ids are taken before commit, so events commit out of id
-- order and a reader that keeps "the last id seen" skips a lower id committed late. Readers instead
-- take only events whose transaction is older than every transaction of this database still running
-- in their snapshot (platform/events/log.ts): that set never grows again, so reading it in (xid, id)
-- order behind a cursor of the same pair misses nothing and repeats nothing.
-- Existing rows get this migration's xid.
ALTER TABLE domain_events ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX domain_events_position_idx ON domain_events (xid, id);

-- Wakes the listening processes at commit (NOTIFY is delivered then, and identical notifications of
-- one transaction are folded into one). The payload is empty: listeners read the table.
CREATE FUNCTION notify_domain_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('bfg2_events', '');
  RETURN NULL;
END
$$;
CREATE TRIGGER domain_events_notify AFTER INSERT ON domain_events
  FOR EACH STATEMENT EXECUTE FUNCTION notify_domain_event();

-- One cursor per background subscriber (install-wide, like the job queue's tables: no workspace, and
-- the application role has no access). A dispatcher holds pg_try_advisory_xact_lock(classid, id) while
-- it works a subscriber's batch, so two processes never hand one event to the same subscriber at once.
CREATE TABLE event_cursors (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subscriber varchar(100) NOT NULL UNIQUE,
  last_xid xid8 NOT NULL,
  last_event_id bigint NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  retry_at timestamptz,
  last_error text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON event_cursors FROM bfg2_app;

-- A ticket's version: bumped by every recorded change (a message, internal notes included, or a
-- history row), each of which keeps the version it made, so a stale writer can be told what changed
-- since the version it loaded.
ALTER TABLE support_tickets ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE support_ticket_messages ADD COLUMN ticket_version integer;
ALTER TABLE ticket_history ADD COLUMN ticket_version integer;

CREATE FUNCTION bump_ticket_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE support_tickets SET version = version + 1
    WHERE id = NEW.ticket_id AND workspace_id = NEW.workspace_id
    RETURNING version INTO NEW.ticket_version;
  RETURN NEW;
END
$$;
CREATE TRIGGER support_ticket_messages_version BEFORE INSERT ON support_ticket_messages
  FOR EACH ROW EXECUTE FUNCTION bump_ticket_version();
CREATE TRIGGER ticket_history_version BEFORE INSERT ON ticket_history
  FOR EACH ROW EXECUTE FUNCTION bump_ticket_version();
