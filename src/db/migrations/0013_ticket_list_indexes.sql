-- The admin list's category and team filters, newest first, read from an index like the status,
-- assignee and customer filters (0002). Without them a category filter walked every ticket of the
-- statuses asked for (or of the workspace) and sorted: 15,000 rows for one page of a large workspace.
-- The team queue index (0009) only holds unassigned open tickets, so it cannot serve `team=` alone.
CREATE INDEX support_tickets_category_idx ON support_tickets (workspace_id, category_id, created_at DESC, id DESC);
CREATE INDEX support_tickets_team_idx ON support_tickets (workspace_id, team_id, created_at DESC, id DESC)
  WHERE team_id IS NOT NULL;
