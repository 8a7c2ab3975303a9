-- Satisfaction surveys (modules/analytics): per workspace whether and when resolved tickets' customers
-- are mailed a 1–5 survey, and one row per survey sent (at most one per resolution of a ticket).
-- Bad ratings (≤ 2) notify the ticket's assignee: a new notification kind.

CREATE TABLE satisfaction_settings (
  workspace_id bigint PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  survey_enabled boolean NOT NULL DEFAULT false,
  -- After the resolution, so a quick reopen (or a resolve by mistake) sends nothing.
  delay_minutes integer NOT NULL DEFAULT 60 CHECK (delay_minutes BETWEEN 0 AND 10080),
  -- How long the emailed links work.
  link_valid_days integer NOT NULL DEFAULT 14 CHECK (link_valid_days BETWEEN 1 AND 90),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE satisfaction_surveys (
  workspace_id bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  ticket_id bigint NOT NULL,
  -- The resolution surveyed (the ticket's resolved_at then): a reopened and re-resolved ticket is asked again.
  resolved_at timestamptz NOT NULL,
  outbound_email_id bigint,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, ticket_id, resolved_at),
  FOREIGN KEY (workspace_id, ticket_id) REFERENCES support_tickets (workspace_id, id) ON DELETE CASCADE
);

ALTER TABLE satisfaction_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON satisfaction_settings USING (workspace_id = app_workspace_id())
  WITH CHECK (workspace_id = app_workspace_id());
ALTER TABLE satisfaction_surveys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON satisfaction_surveys USING (workspace_id = app_workspace_id())
  WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_kind_check;
ALTER TABLE notification_preferences ADD CONSTRAINT notification_preferences_kind_check
  CHECK (kind IN ('assigned', 'team_ticket', 'customer_reply', 'sla_warning', 'sla_breach', 'mention', 'bad_rating'));
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('assigned', 'team_ticket', 'customer_reply', 'sla_warning', 'sla_breach', 'mention', 'bad_rating'));
