-- A message written with its ticket version already counted (ticket_version given) leaves the ticket
-- alone; any other message bumps the version as before (0018).
--
-- Why: a customer's reply that mail delivers (addCustomerReplies) also moves its ticket's updated_at.
-- With the bump in this trigger the ticket was written twice per reply — the trigger's version UPDATE,
-- then the updated_at UPDATE — and neither is a HOT update (updated_at is indexed, and a ticket's page
-- is full), so every index entry of the ticket, the search index's lexemes included, was written twice.
-- The writer now moves updated_at and version in one UPDATE and gives each message its version.
CREATE OR REPLACE FUNCTION bump_ticket_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.ticket_version IS NOT NULL THEN
    RETURN NEW;
  END IF;
  UPDATE support_tickets SET version = version + 1
    WHERE id = NEW.ticket_id AND workspace_id = NEW.workspace_id
    RETURNING version INTO NEW.ticket_version;
  RETURN NEW;
END
$$;
