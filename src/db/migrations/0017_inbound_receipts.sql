-- Inbound intake (modules/channels/intake): what each channel already delivered, by the channel's own id
-- (an email's Message-ID, a chat message id, an API client's external id), so a redelivery opens no second
-- ticket and adds no second message. One row per (workspace, channel, external id); the first delivery
-- inserts it before it does anything else, so a concurrent duplicate waits on the unique key and then
-- finds the ticket (and message) it points to.
CREATE TABLE inbound_receipts (
  workspace_id bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  channel varchar(20) NOT NULL CHECK (channel IN ('web', 'email', 'phone', 'chat', 'social', 'api')),
  external_id varchar(255) NOT NULL CHECK (external_id <> ''),
  -- Set in the same transaction as the insert; null only while that transaction runs.
  ticket_id bigint,
  message_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, channel, external_id),
  FOREIGN KEY (workspace_id, ticket_id) REFERENCES support_tickets (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, message_id) REFERENCES support_ticket_messages (workspace_id, id)
    ON DELETE CASCADE
);
CREATE INDEX inbound_receipts_ticket_idx ON inbound_receipts (workspace_id, ticket_id);

ALTER TABLE inbound_receipts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON inbound_receipts USING (workspace_id = app_workspace_id())
  WITH CHECK (workspace_id = app_workspace_id());
