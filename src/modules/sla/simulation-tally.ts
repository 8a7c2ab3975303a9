/**
 * Counting outcomes for the what-if simulation, simulated and actual side by side. Pure.
 *
 * - Simulated: the state computeDues gives under the simulated SLA.
 * - Actual: the ticket's recorded breach flag if set; else its recorded due date judged at the same
 *   reading (when it was answered / resolved / paused, or now); no recorded due date = no target.
 * - Compliance: met / (met + breached); tickets still running or paused and not past due are "open"
 *   and not counted either way.
 */
import { judge, type TargetState, type TicketDues } from './ticket-dues.js';

export type Outcome = 'met' | 'breached' | 'open' | 'no_target';

export interface Tally {
  met: number;
  breached: number;
  open: number;
  no_target: number;
}

export interface Comparison {
  tickets: number;
  simulated: { response: Tally; resolution: Tally };
  actual: { response: Tally; resolution: Tally };
}

const tally = (): Tally => ({ met: 0, breached: 0, open: 0, no_target: 0 });

export function emptyComparison(): Comparison {
  return {
    tickets: 0,
    simulated: { response: tally(), resolution: tally() },
    actual: { response: tally(), resolution: tally() },
  };
}

export function outcomeOf(state: TargetState): Outcome {
  return state === 'running' || state === 'paused' ? 'open' : state;
}

/** The recorded outcome of one target: flag, else the recorded due judged at the clock's reading. */
export function recordedOutcome(
  dueAt: Date | null,
  breachedFlag: boolean,
  clock: { readingAt: Date; state: TargetState },
): Outcome {
  if (breachedFlag) return 'breached';
  if (dueAt === null) return 'no_target';
  const finished = clock.state === 'met' || clock.state === 'breached';
  // Not finished: the reading is now (running) or the pause start; either way not decided unless past due.
  return outcomeOf(judge(dueAt, clock.readingAt, finished, !finished));
}

export interface Recorded {
  response_due_at: Date | null;
  resolution_due_at: Date | null;
  response_breached: boolean;
  resolution_breached: boolean;
}

/**
 * Adds one ticket: `dues` computed under the simulated SLA. The readings (answered, resolved, paused)
 * do not depend on the SLA, so they judge the recorded dues too.
 */
export function addTicket(into: Comparison, dues: TicketDues, recorded: Recorded): void {
  into.tickets++;
  into.simulated.response[outcomeOf(dues.response.state)]++;
  into.simulated.resolution[outcomeOf(dues.resolution.state)]++;
  into.actual.response[
    recordedOutcome(recorded.response_due_at, recorded.response_breached, dues.response)
  ]++;
  into.actual.resolution[
    recordedOutcome(recorded.resolution_due_at, recorded.resolution_breached, dues.resolution)
  ]++;
}

function withCompliance(t: Tally) {
  const decided = t.met + t.breached;
  return {
    ...t,
    compliance_percent: decided === 0 ? null : Math.round((t.met / decided) * 10_000) / 100,
  };
}

export function presentComparison(c: Comparison) {
  return {
    tickets: c.tickets,
    simulated: {
      response: withCompliance(c.simulated.response),
      resolution: withCompliance(c.simulated.resolution),
    },
    actual: {
      response: withCompliance(c.actual.response),
      resolution: withCompliance(c.actual.resolution),
    },
  };
}
