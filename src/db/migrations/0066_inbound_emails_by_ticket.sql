-- A ticket's inbound mail, by ticket: the acknowledgement's rule (the classification of the ticket's
-- first mail), the In-Reply-To/References of every customer mail (the thread's Message-IDs) and its Cc
-- (the latest mail's header block) read a ticket's mail by ticket_id. Without this index each read
-- walked all of the workspace's inbound mail (inbound_emails_listing_idx starts with workspace_id), a
-- cost that grew with every mail the workspace ever received. Also serves the foreign key's
-- ON DELETE SET NULL when a ticket is deleted.
CREATE INDEX inbound_emails_ticket_idx ON inbound_emails (workspace_id, ticket_id, received_at)
  WHERE ticket_id IS NOT NULL;
