-- A mailbox was created, changed or deleted: wakes the listening processes at commit, so that each SMTP
-- listener drops its cache of recipient addresses (modules/email/inbound/recipients.ts) and a deleted or
-- deactivated mailbox is refused at RCPT at once. The payload is empty: listeners read the table.
CREATE FUNCTION notify_mailboxes_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('bfg2_mailboxes', '');
  RETURN NULL;
END
$$;
-- Only the columns RCPT reads: the IMAP poller's own updates (lease, next poll) wake nobody.
CREATE TRIGGER mailboxes_notify
  AFTER INSERT OR UPDATE OF address, workspace_id, is_active, smtp_inbound OR DELETE OR TRUNCATE ON mailboxes
  FOR EACH STATEMENT EXECUTE FUNCTION notify_mailboxes_changed();
