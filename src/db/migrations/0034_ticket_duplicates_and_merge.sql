-- Possible duplicates and merging.
--
-- A ticket from the same customer (or about the same order or consignment) with a similar subject and
-- text, opened within the workspace's duplicate window of another, is offered to agents as a possible
-- duplicate; merging moves its messages and attachments to the other ticket, closes it with a system
-- message and records where it went (merged_into_id), so its number keeps resolving — to the target.

ALTER TABLE workspaces
  ADD COLUMN duplicate_window_hours integer NOT NULL DEFAULT 72
    CHECK (duplicate_window_hours BETWEEN 0 AND 8760);

ALTER TABLE support_tickets
  ADD COLUMN merged_into_id bigint REFERENCES support_tickets (id) ON DELETE SET NULL,
  ADD COLUMN merged_at timestamptz,
  ADD CONSTRAINT support_tickets_not_merged_into_itself CHECK (merged_into_id IS DISTINCT FROM id);

-- Candidates are looked up by customer, order and consignment within a time window.
CREATE INDEX support_tickets_customer_created_idx ON support_tickets (workspace_id, customer_id, created_at);
CREATE INDEX support_tickets_order_ref_idx ON support_tickets (workspace_id, order_ref, created_at)
  WHERE order_ref IS NOT NULL;
CREATE INDEX support_tickets_consignment_ref_idx ON support_tickets (workspace_id, consignment_ref, created_at)
  WHERE consignment_ref IS NOT NULL;
