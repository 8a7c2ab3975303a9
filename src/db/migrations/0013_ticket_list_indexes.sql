-- The admin list's category and team filters, newest first, read from an index like the status,
-- assignee and customer filters (0002). Without them a category filter walked every ticket of the
-- statuses asked for (or of the workspace) and sorted: 15,000 rows for one page of a large workspace.
-- The team queue index (0009) only holds unassigned open tickets, so it cannot serve `team=` alone.
CREATE INDEX support_tickets_category_idx ON support_tickets (workspace_id, category_id, created_at DESC, id DESC);
CREATE INDEX support_tickets_team_idx ON support_tickets (workspace_id, team_id, created_at DESC, id DESC)
  WHERE team_id IS NOT NULL;

-- A tag belongs to one workspace, so `workspace_id = w AND tag_id = t` is as selective as the tag alone;
-- taken as independent, a tag on 1,666 of a workspace's tickets was estimated at 85, and the tag list
-- fetched and sorted all 1,666 (12 ms) instead of walking the newest tickets, testing each (1.7 ms).
CREATE STATISTICS support_ticket_tags_workspace_tag_stats (dependencies) ON workspace_id, tag_id
  FROM support_ticket_tags;
