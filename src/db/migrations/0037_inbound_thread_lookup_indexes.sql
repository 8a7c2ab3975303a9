-- Threading inbound mail by `[#<ticket number>]` in its subject (issue 14, point 4c) looks a ticket up by
-- the number's digits ("[#1234]": any prefix, so one renamed since still matches) or by the whole number
-- in any case ("[#acme-1234]"). Without these, each such mail read every ticket of the workspace
-- (a sequential scan of 100,000 tickets per mail in bench/email-ingest.ts).
CREATE INDEX support_tickets_number_digits_idx ON support_tickets (workspace_id, split_part(ticket_number, '-', 2));
CREATE INDEX support_tickets_number_upper_idx ON support_tickets (workspace_id, upper(ticket_number));
