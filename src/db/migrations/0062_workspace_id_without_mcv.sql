-- The planner, not the data, made a new workspace's inbound mail slow (bench/email-ingest.ts).
--
-- ANALYZE keeps the most common workspace_id values of a table with their shares. On a server with few
-- workspaces those cover every row, so a workspace that is not among them — one created since the last
-- ANALYZE, like every new tenant until autovacuum's next 10 % of the table — is estimated at one row.
-- Every lookup "in this workspace, by key" then looked cheapest as a scan of the whole workspace by its
-- workspace_id index with the key as a filter, and the batch statements of mail processing (the status
-- update of stored mail, the receipts, the thread lookup) became joins against the whole workspace:
-- 500 × 50 rows per batch at 500 mails, growing with the workspace (the email bench measured 3.3–4.3 ms of
-- PostgreSQL CPU per mail into a new workspace, 2.3–2.9 into one analyzed).
--
-- Without statistics on the column the planner takes 1/200 of the table for any workspace (and the table
-- itself when it is smaller), so a unique or primary key lookup is always the cheaper plan. These three
-- tables are read by key or by (workspace, key) only — lists of them are paged in an index's order — so
-- no plan needs the exact share of a workspace.
ALTER TABLE inbound_emails ALTER COLUMN workspace_id SET STATISTICS 0;
ALTER TABLE outbound_emails ALTER COLUMN workspace_id SET STATISTICS 0;
ALTER TABLE inbound_receipts ALTER COLUMN workspace_id SET STATISTICS 0;
-- Statistics gathered before this migration stay in pg_statistic (ANALYZE no longer touches the column)
-- until removed, which only a superuser may do. A server migrated by a role that is not one keeps its old
-- figures for these three columns: the plans it had, no worse.
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    DELETE FROM pg_statistic s USING pg_attribute a
    WHERE s.starelid = a.attrelid AND s.staattnum = a.attnum AND a.attname = 'workspace_id'
      AND a.attrelid IN ('inbound_emails'::regclass, 'outbound_emails'::regclass, 'inbound_receipts'::regclass);
  END IF;
END
$$;
