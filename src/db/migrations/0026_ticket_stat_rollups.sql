-- Reporting rollups (modules/analytics), kept up to date from ticket events by the `ticket-stats`
-- subscriber and rebuilt from scratch by `bfg2-support stats rebuild`.
--
-- ticket_stat_facts: one row per ticket — what reports need of it (current dimensions, first response and
-- resolution times in calendar and business seconds, SLA outcome, rating) plus `contributions`, the
-- (day, metric, key, n) counts this ticket adds to ticket_stat_daily. Refreshing a ticket recomputes its
-- row and applies the difference between its old and new contributions to ticket_stat_daily, so the
-- daily table always equals the sum of the facts' contributions (the property test checks exactly that).
--
-- ticket_stat_daily: per workspace, day (in the workspace's time zone), metric and key, a count. A 90-day
-- report sums ~90 × (a few dozen) rows whatever the number of tickets.

CREATE TABLE ticket_stat_facts (
  workspace_id bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  ticket_id bigint NOT NULL,
  created_at timestamptz NOT NULL,
  status varchar(20) NOT NULL,
  channel varchar(20) NOT NULL,
  category_id bigint,
  priority_id bigint NOT NULL,
  team_id bigint,
  assigned_to_id bigint,
  first_response_at timestamptz,
  first_response_seconds integer,
  first_response_business_seconds integer,
  -- The current resolution: when the ticket last became resolved or closed; NULL while active or cancelled.
  resolved_at timestamptz,
  resolution_seconds integer,
  resolution_business_seconds integer,
  response_breached boolean NOT NULL DEFAULT false,
  resolution_breached boolean NOT NULL DEFAULT false,
  rating smallint,
  -- The last day this ticket contributes to: a filtered report reads only tickets active in its range.
  last_day date NOT NULL,
  contributions jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(contributions) = 'array'),
  refreshed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, ticket_id),
  FOREIGN KEY (workspace_id, ticket_id) REFERENCES support_tickets (workspace_id, id) ON DELETE CASCADE
);
-- Percentiles over the tickets first answered / resolved in a range (index-only for the unfiltered case).
CREATE INDEX ticket_stat_facts_response_idx ON ticket_stat_facts (workspace_id, first_response_at)
  INCLUDE (first_response_seconds, first_response_business_seconds, assigned_to_id)
  WHERE first_response_at IS NOT NULL;
CREATE INDEX ticket_stat_facts_resolved_idx ON ticket_stat_facts (workspace_id, resolved_at)
  INCLUDE (resolution_seconds, resolution_business_seconds)
  WHERE resolved_at IS NOT NULL;
CREATE INDEX ticket_stat_facts_last_day_idx ON ticket_stat_facts (workspace_id, last_day);

CREATE TABLE ticket_stat_daily (
  workspace_id bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  day date NOT NULL,
  metric varchar(40) NOT NULL,
  key varchar(40) NOT NULL DEFAULT '',
  n bigint NOT NULL,
  PRIMARY KEY (workspace_id, day, metric, key)
);

ALTER TABLE ticket_stat_facts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ticket_stat_facts USING (workspace_id = app_workspace_id())
  WITH CHECK (workspace_id = app_workspace_id());
ALTER TABLE ticket_stat_daily ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ticket_stat_daily USING (workspace_id = app_workspace_id())
  WITH CHECK (workspace_id = app_workspace_id());

-- The backlog at the end of a range sums every earlier day's backlog moves of one metric.
CREATE INDEX ticket_stat_daily_metric_idx ON ticket_stat_daily (workspace_id, metric, day) INCLUDE (n);

-- Knowledge-base views per day: kb_article_views keeps a visitor's view only for a day or two (it exists
-- to count a visitor once a day), so reports keep the daily totals, counted by a trigger as views arrive.
CREATE TABLE kb_daily_views (
  workspace_id bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  day date NOT NULL,
  views bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, day)
);
ALTER TABLE kb_daily_views ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON kb_daily_views USING (workspace_id = app_workspace_id())
  WITH CHECK (workspace_id = app_workspace_id());

CREATE FUNCTION kb_daily_views_count() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    INSERT INTO kb_daily_views AS d (workspace_id, day, views) VALUES (NEW.workspace_id, NEW.day, 1)
      ON CONFLICT (workspace_id, day) DO UPDATE SET views = d.views + 1;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER kb_article_views_daily AFTER INSERT ON kb_article_views
  FOR EACH ROW EXECUTE FUNCTION kb_daily_views_count();
