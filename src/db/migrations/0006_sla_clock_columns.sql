-- Columns the SLA clock and the breach sweep share. The clock (src/modules/sla) writes the due and
-- warning times whenever it computes a ticket's dues; the sweep reads them and sets the flags, each
-- exactly once.
ALTER TABLE slas
  ADD COLUMN warning_percent smallint NOT NULL DEFAULT 80 CHECK (warning_percent BETWEEN 1 AND 99);

ALTER TABLE support_tickets
  -- When the pre-breach warning is due (warning_percent of the target, in the SLA's calendar).
  ADD COLUMN response_warning_at timestamptz,
  ADD COLUMN resolution_warning_at timestamptz,
  ADD COLUMN response_warned boolean NOT NULL DEFAULT false,
  ADD COLUMN resolution_warned boolean NOT NULL DEFAULT false,
  -- Set while the ticket is pending/on_hold (the resolution clock is paused), null otherwise.
  ADD COLUMN sla_paused_at timestamptz;
