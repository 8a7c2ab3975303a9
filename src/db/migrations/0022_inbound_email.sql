-- Inbound email (issue 14, modules/email/inbound): what the listener and the IMAP poller store before they
-- acknowledge, what processing made of it, the addresses copied on a ticket's mail (they may thread onto
-- it), the mailbox's IMAP lease and backoff, and the ticket a reply to a closed ticket follows up.

-- Where the raw mail came from and to which envelope recipients (a Bcc'd reply address is in no header).
ALTER TABLE inbound_emails ADD COLUMN source varchar(10) NOT NULL DEFAULT 'smtp'
  CHECK (source IN ('smtp', 'imap'));
ALTER TABLE inbound_emails ADD COLUMN envelope_to text[] NOT NULL DEFAULT '{}';
-- Processing runs (a failed mail is retried by an admin; each run counts).
ALTER TABLE inbound_emails ADD COLUMN attempts integer NOT NULL DEFAULT 0;
-- The ticket message the mail became (null when it opened a ticket, was a bounce or was only kept).
ALTER TABLE inbound_emails ADD COLUMN message_row_id bigint;
-- For display: the sanitised HTML (remote resources removed, cid: images rewritten) and the quoted
-- history and signature folded away from the message text. The raw mail stays the original.
ALTER TABLE inbound_emails ADD COLUMN html_body text;
ALTER TABLE inbound_emails ADD COLUMN folded_text text NOT NULL DEFAULT '';
CREATE INDEX inbound_emails_listing_idx ON inbound_emails (workspace_id, status, id DESC);

-- Addresses copied (Cc) on a ticket's inbound mail: besides the customer and staff, only they may thread
-- a reply onto the ticket by its reply token, its Message-IDs or its number.
CREATE TABLE ticket_email_participants (
  workspace_id bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  ticket_id bigint NOT NULL,
  email varchar(254) NOT NULL CHECK (email = lower(email)),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, ticket_id, email),
  FOREIGN KEY (workspace_id, ticket_id) REFERENCES support_tickets (workspace_id, id) ON DELETE CASCADE
);
ALTER TABLE ticket_email_participants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ticket_email_participants USING (workspace_id = app_workspace_id())
  WITH CHECK (workspace_id = app_workspace_id());

-- IMAP polling: one poller at a time per mailbox holds a lease; failures back off exponentially.
ALTER TABLE mailboxes ADD COLUMN imap_lease_until timestamptz;
ALTER TABLE mailboxes ADD COLUMN imap_failures integer NOT NULL DEFAULT 0;
ALTER TABLE mailboxes ADD COLUMN imap_next_poll_at timestamptz;

-- A reply to a closed ticket opens a new one that follows it up.
ALTER TABLE support_tickets ADD COLUMN follow_up_of_id bigint;
