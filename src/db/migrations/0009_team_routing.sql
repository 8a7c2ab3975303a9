-- Fair routing per team (src/modules/assignment): how a team hands out its tickets, the agents'
-- availability and capacity, and which team a ticket category routes to.

-- manual: tickets wait in the team queue until someone takes them; round_robin: the next available
-- member after the last one assigned (last_assigned_user_id is the pointer); least_open: the available
-- member with the fewest open tickets. max_open_per_agent caps every member (null = no cap).
ALTER TABLE support_teams
  ADD COLUMN assignment_mode varchar(20) NOT NULL DEFAULT 'manual'
    CHECK (assignment_mode IN ('manual', 'round_robin', 'least_open')),
  ADD COLUMN max_open_per_agent integer CHECK (max_open_per_agent > 0),
  ADD COLUMN last_assigned_user_id bigint,
  ADD FOREIGN KEY (workspace_id, last_assigned_user_id) REFERENCES workspace_memberships (workspace_id, user_id)
    ON DELETE SET NULL (last_assigned_user_id);

-- A member's own cap in this team, overriding the team's (0 = never auto-assigned; null = the team's).
ALTER TABLE support_team_members
  ADD COLUMN max_open_tickets integer CHECK (max_open_tickets >= 0);

-- Set by the agent themself (or an admin); only `available` agents are auto-assigned.
ALTER TABLE workspace_memberships
  ADD COLUMN availability varchar(10) NOT NULL DEFAULT 'available'
    CHECK (availability IN ('available', 'away', 'offline')),
  ADD COLUMN availability_changed_at timestamptz;

-- A category can route its new tickets to a team (its default_assignee, when set, still wins).
ALTER TABLE ticket_categories
  ADD COLUMN team_id bigint,
  ADD FOREIGN KEY (workspace_id, team_id) REFERENCES support_teams (workspace_id, id) ON DELETE SET NULL (team_id);

-- The team queues (unassigned open tickets of a team, oldest first) and each agent's open load.
CREATE INDEX support_tickets_team_queue_idx ON support_tickets (workspace_id, team_id, created_at, id)
  WHERE assigned_to_id IS NULL AND status IN ('new', 'open', 'pending', 'on_hold');
CREATE INDEX support_tickets_open_load_idx ON support_tickets (workspace_id, assigned_to_id)
  WHERE status IN ('new', 'open', 'pending', 'on_hold');
