/**
 * Which member of a team takes the next ticket: pure rules, no SQL. The caller loads the members with
 * their state under the team's lock (repository.ts) and applies the pick.
 */
import type { AssignmentMode, Availability } from '../../db/schema.js';

/** Ticket statuses that count as an agent's open work (and that a team queue holds). */
export const OPEN_STATUSES = ['new', 'open', 'pending', 'on_hold'] as const;

/** Whether a ticket in this status counts as open work. */
export function isOpenStatus(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

export interface Candidate {
  userId: number;
  availability: Availability;
  /** False for deactivated accounts: never picked. */
  isActive: boolean;
  /** Open tickets assigned to them in the workspace, whatever the team. */
  open: number;
  /** Effective cap (capacityOf); null = no cap. */
  capacity: number | null;
}

/** The member's own cap wins over the team's; null when neither is set. */
export function capacityOf(memberCap: number | null, teamCap: number | null): number | null {
  return memberCap ?? teamCap;
}

/** Available, active and below their cap. */
export function canTakeMore(c: Candidate): boolean {
  return c.isActive && c.availability === 'available' && (c.capacity === null || c.open < c.capacity);
}

/** The members in round-robin order: those after the pointer by user id first, then from the start. */
function afterPointer(candidates: readonly Candidate[], pointer: number | null): Candidate[] {
  const sorted = [...candidates].sort((a, b) => a.userId - b.userId);
  if (pointer === null) return sorted;
  return [...sorted.filter((c) => c.userId > pointer), ...sorted.filter((c) => c.userId <= pointer)];
}

/**
 * The member who takes the next ticket, or null when nobody can (the ticket waits in the queue).
 * round_robin: the next eligible member after the pointer (the member assigned last). least_open: the
 * eligible member with the fewest open tickets; ties go in round-robin order, so equal loads spread evenly.
 */
export function pickAgent(
  mode: Exclude<AssignmentMode, 'manual'>,
  candidates: readonly Candidate[],
  pointer: number | null,
): Candidate | null {
  const ordered = afterPointer(candidates.filter(canTakeMore), pointer);
  const [first] = ordered;
  if (first === undefined) return null;
  if (mode === 'round_robin') return first;
  return ordered.reduce((best, c) => (c.open < best.open ? c : best), first);
}
