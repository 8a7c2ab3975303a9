-- LZ4 for the large mail columns, where the server has it (PostgreSQL 14 or later built with lz4, as
-- Debian's and the official images are). Each stored mail's raw bytes, its sanitised HTML and the text
-- it became (a ticket's description, a message) are compressed when they are written; pglz spent 6–7 %
-- of PostgreSQL's CPU on a run of HTML mail (bench/email-ingest.ts under perf), and LZ4 compresses
-- several times faster at a similar ratio for mail. Values already stored keep pglz until rewritten;
-- both read back the same. A server without LZ4 (the embedded PostgreSQL's build) keeps pglz: the change
-- is skipped, not an error.
DO $$
BEGIN
  ALTER TABLE inbound_emails
    ALTER COLUMN raw SET COMPRESSION lz4,
    ALTER COLUMN html_body SET COMPRESSION lz4,
    ALTER COLUMN folded_text SET COMPRESSION lz4;
  ALTER TABLE support_tickets ALTER COLUMN description SET COMPRESSION lz4;
  ALTER TABLE support_ticket_messages ALTER COLUMN message SET COMPRESSION lz4;
  ALTER TABLE outbound_emails
    ALTER COLUMN text_body SET COMPRESSION lz4,
    ALTER COLUMN html_body SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'no LZ4 in this PostgreSQL: the mail columns keep pglz';
END
$$;
