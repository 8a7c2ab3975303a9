-- Lookups that use their expression indexes under row-level security: the customers with these addresses
-- and the acknowledgements mailed to an address since a time (by lower(…)), and the tickets a subject's
-- `[#<number>]` names (by upper(ticket_number) or its digits).
--
-- Why SECURITY DEFINER functions: queries run as bfg2_app under row-level security, and PostgreSQL never
-- uses a non-LEAKPROOF function (lower) in an index condition ahead of a policy qual (0005 says the same
-- of search). As bfg2_app, `lower(email) = …` could only filter what an index on workspace_id alone found:
-- - every mail's sender lookup, and every customer login, read the workspace's customers whole (at
--   100,000 customers, 100,000 rows per batch of mails);
-- - every acknowledgement's cap check read every acknowledgement the workspace ever sent;
-- - every mail threaded by the ticket number in its subject read the workspace's tickets whole.
-- The functions run as the schema owner (which bypasses RLS), answer nothing for any workspace but the
-- transaction's own, and return only ids or a count; the caller reads rows by id under RLS as usual.
-- The workspace is compared as `(SELECT p_workspace_id)`, a value the planner does not know (see
-- keyedWorkspace in src/db/tenant.ts): a SQL function's statements are planned with its arguments, and a
-- workspace younger than the last ANALYZE would be estimated at one row and read by any index on
-- workspace_id instead of the address's.
CREATE FUNCTION support_customer_ids_by_emails(p_workspace_id bigint, p_emails text[]) RETURNS SETOF bigint
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  ROWS 10
  AS $$
    SELECT id FROM customers
    WHERE workspace_id = (SELECT p_workspace_id) AND p_workspace_id = app_workspace_id()
      AND lower(email) = ANY(p_emails)
  $$;

CREATE FUNCTION support_acknowledgements_since(p_workspace_id bigint, p_address text, p_since timestamptz)
  RETURNS bigint
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT count(*) FROM outbound_emails
    WHERE workspace_id = (SELECT p_workspace_id) AND p_workspace_id = app_workspace_id()
      AND kind = 'acknowledgement' AND lower(to_address) = lower(p_address) AND created_at > p_since
  $$;

-- A reference as the subject gives it: digits alone match the number after the prefix, else the whole
-- number, case-insensitive (find-thread.ts); newest first.
CREATE FUNCTION support_ticket_ids_by_number(p_workspace_id bigint, p_ref text) RETURNS SETOF bigint
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  ROWS 1
  AS $$
    SELECT id FROM support_tickets
    WHERE workspace_id = (SELECT p_workspace_id) AND p_workspace_id = app_workspace_id()
      AND p_ref ~ '^[0-9]+$' AND split_part(ticket_number, '-', 2) = p_ref
    UNION ALL
    SELECT id FROM support_tickets
    WHERE workspace_id = (SELECT p_workspace_id) AND p_workspace_id = app_workspace_id()
      AND p_ref !~ '^[0-9]+$' AND upper(ticket_number) = upper(p_ref)
    ORDER BY id DESC
  $$;
