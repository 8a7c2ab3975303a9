-- Tenancy enforced by the database too: every table with a workspace_id shows and accepts only the rows
-- of the workspace set for the transaction (SET LOCAL app.workspace_id). With none set, nothing is seen.
-- A test asserts that every table with workspace_id has RLS enabled, so later migrations keep it.

DO $$
DECLARE
  t text;
BEGIN
  FOR t IN
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
    WHERE c.table_schema = 'public' AND c.column_name = 'workspace_id' AND tb.table_type = 'BASE TABLE'
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (workspace_id = app_workspace_id()) '
      'WITH CHECK (workspace_id = app_workspace_id())', t);
  END LOOP;
END
$$;

ALTER TABLE workspaces ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON workspaces USING (id = app_workspace_id()) WITH CHECK (id = app_workspace_id());

-- Staff accounts are install-wide: inside a workspace only its members are visible. New accounts are
-- created before their membership, so inserting is allowed.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY members_visible ON users FOR SELECT USING (
  EXISTS (SELECT 1 FROM workspace_memberships m WHERE m.user_id = users.id AND m.workspace_id = app_workspace_id())
);
CREATE POLICY members_editable ON users FOR UPDATE USING (
  EXISTS (SELECT 1 FROM workspace_memberships m WHERE m.user_id = users.id AND m.workspace_id = app_workspace_id())
);
CREATE POLICY accounts_creatable ON users FOR INSERT WITH CHECK (true);
