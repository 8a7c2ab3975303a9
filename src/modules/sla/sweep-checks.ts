/**
 * The four checks of the SLA sweep: a first response or a resolution that is overdue (breach) or nearly
 * so (warning). Each names the time column it compares with now, the flag it sets exactly once, and the
 * condition under which a ticket is still waiting for it — the predicate of its partial index in
 * migration 0008, repeated verbatim so that PostgreSQL can prove the index applies.
 */
import { sql, type RawBuilder } from 'kysely';

export type SlaTarget = 'response' | 'resolution';
export type SweepEffect = 'breach' | 'warning';

export type SweepTimeColumn =
  'response_due_at' | 'resolution_due_at' | 'response_warning_at' | 'resolution_warning_at';
export type SweepFlagColumn =
  'response_breached' | 'resolution_breached' | 'response_warned' | 'resolution_warned';

export interface SweepCheck {
  target: SlaTarget;
  effect: SweepEffect;
  /** Compared with now: the ticket is due for this check once it is past. */
  time: SweepTimeColumn;
  /** Set by the check; the check never looks at a ticket again once it is set. */
  flag: SweepFlagColumn;
  /** The due time of the target (for messages and mails). */
  due: 'response_due_at' | 'resolution_due_at';
  /** The ticket is still waiting for this check (the partial index's predicate). */
  waiting: RawBuilder<boolean>;
}

// A first response is owed while nobody replied and the ticket is active (pending does not stop it).
const RESPONSE_OWED = sql<boolean>`first_response_at IS NULL AND status IN ('new', 'open', 'pending', 'on_hold')`;
// The resolution clock runs only while the ticket is new or open and not paused.
const RESOLUTION_RUNNING = sql<boolean>`sla_paused_at IS NULL AND status IN ('new', 'open')`;

/** In the order the sweep runs them: breaches first, so a ticket past both times is not warned too. */
export const SWEEP_CHECKS: readonly SweepCheck[] = [
  {
    target: 'response',
    effect: 'breach',
    time: 'response_due_at',
    flag: 'response_breached',
    due: 'response_due_at',
    waiting: sql`response_due_at IS NOT NULL AND NOT response_breached AND ${RESPONSE_OWED}`,
  },
  {
    target: 'resolution',
    effect: 'breach',
    time: 'resolution_due_at',
    flag: 'resolution_breached',
    due: 'resolution_due_at',
    waiting: sql`resolution_due_at IS NOT NULL AND NOT resolution_breached AND ${RESOLUTION_RUNNING}`,
  },
  {
    target: 'response',
    effect: 'warning',
    time: 'response_warning_at',
    flag: 'response_warned',
    due: 'response_due_at',
    waiting: sql`response_warning_at IS NOT NULL AND NOT response_warned AND NOT response_breached AND ${RESPONSE_OWED}`,
  },
  {
    target: 'resolution',
    effect: 'warning',
    time: 'resolution_warning_at',
    flag: 'resolution_warned',
    due: 'resolution_due_at',
    waiting: sql`resolution_warning_at IS NOT NULL AND NOT resolution_warned AND NOT resolution_breached AND ${RESOLUTION_RUNNING}`,
  },
];

/** "first response" / "resolution", for messages and mails. */
export function targetLabel(target: SlaTarget): string {
  return target === 'response' ? 'first response' : 'resolution';
}
