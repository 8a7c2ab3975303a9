-- The SLA sweep (src/modules/sla/breach-sweep.ts) runs every minute across all workspaces. Each of its
-- four checks reads one of these partial indexes from the oldest due time up to now: a ticket leaves the
-- index as soon as it is satisfied, breached/warned, paused or closed, so a pass touches only what is
-- newly due, whether there are a hundred or a million open tickets. The sweep's WHERE clauses repeat
-- these predicates word for word so that the planner can prove the index applies; keep them in step.
-- (Built in migrate's transaction, so without CONCURRENTLY: writes to support_tickets wait meanwhile.)

-- First response overdue: no reply yet, not yet flagged, ticket still active.
CREATE INDEX support_tickets_response_sweep_idx ON support_tickets (response_due_at, id)
  WHERE response_due_at IS NOT NULL AND first_response_at IS NULL AND NOT response_breached
    AND status IN ('new', 'open', 'pending', 'on_hold');

-- Resolution overdue: running clock (not paused, not solved), not yet flagged.
CREATE INDEX support_tickets_resolution_sweep_idx ON support_tickets (resolution_due_at, id)
  WHERE resolution_due_at IS NOT NULL AND NOT resolution_breached AND sla_paused_at IS NULL
    AND status IN ('new', 'open');

-- Pre-breach warnings: the same conditions, plus not yet warned.
CREATE INDEX support_tickets_response_warning_sweep_idx ON support_tickets (response_warning_at, id)
  WHERE response_warning_at IS NOT NULL AND NOT response_warned AND first_response_at IS NULL
    AND NOT response_breached AND status IN ('new', 'open', 'pending', 'on_hold');

CREATE INDEX support_tickets_resolution_warning_sweep_idx ON support_tickets (resolution_warning_at, id)
  WHERE resolution_warning_at IS NOT NULL AND NOT resolution_warned AND NOT resolution_breached
    AND sla_paused_at IS NULL AND status IN ('new', 'open');

-- The mails of a ticket: sla.notify looks up which of its notifications were already queued, and a
-- ticket's mail history is read by ticket anyway.
CREATE INDEX outbound_emails_ticket_idx ON outbound_emails (workspace_id, ticket_id) WHERE ticket_id IS NOT NULL;
