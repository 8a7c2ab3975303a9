/**
 * Turns a demo ticket's story into its conversation: messages, assignment log and the status timestamps,
 * all consistent with the status and all before DEMO_ANCHOR. Pure and deterministic (no clock, no random).
 */
import type { AssignmentAction, MessageType } from '../../db/schema.js';
import { DAY, DEMO_ANCHOR, DEMO_STAFF, HOUR, MINUTE, type StaffKey } from './demo-constants.js';
import { DEMO_TEAMS, type PriorityCode, type TeamKey } from './demo-settings-data.js';
import type { DemoTicketSpec } from './demo-ticket-spec.js';

export interface DraftMessage {
  at: Date;
  type: MessageType;
  text: string;
  /** The staff author of agent replies and notes; customer messages come from the ticket's customer. */
  staff: StaffKey | null;
  internal: boolean;
}

export interface DraftAssignment {
  at: Date;
  action: AssignmentAction;
  fromUser: StaffKey | null;
  toUser: StaffKey | null;
  fromTeam: TeamKey | null;
  toTeam: TeamKey | null;
  reason: string;
  by: StaffKey | null;
}

export interface DemoThread {
  createdAt: Date;
  updatedAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  team: TeamKey | null;
  messages: DraftMessage[];
  assignments: DraftAssignment[];
}

const FIRST_RESPONSE_DELAY: Record<PriorityCode, number> = {
  urgent: 35 * MINUTE,
  high: 110 * MINUTE,
  medium: 200 * MINUTE,
  low: 18 * HOUR,
};
const AUTO_CLOSE_AFTER = 3 * DAY;

const staffName = (key: StaffKey): string => DEMO_STAFF.find((s) => s.key === key)?.name ?? key;
const teamName = (key: TeamKey): string => DEMO_TEAMS.find((t) => t.key === key)?.name ?? key;
const firstName = (fullName: string): string => fullName.split(' ')[0] ?? fullName;

/** An agent's message as the customer receives it: greeting, text, signature. */
function signed(text: string, customerName: string, agent: StaffKey): string {
  return `Hi ${firstName(customerName)},\n\n${text}\n\nBest regards,\n${staffName(agent)}\nDemo Shop Support`;
}

type Draft<T> = Omit<T, 'at'> & { offset: number };

/** Builds the thread of the index-th demo ticket for the customer called customerName. */
export function buildThread(spec: DemoTicketSpec, index: number, customerName: string): DemoThread {
  const messages: Draft<DraftMessage>[] = [];
  const assignments: Draft<DraftAssignment>[] = [];
  let cursor = 0;
  const at = (delay: number) => (cursor += delay);
  const system = (delay: number, text: string, internal = false) =>
    messages.push({ offset: at(delay), type: 'system', text, staff: null, internal });

  messages.push({ offset: 0, type: 'customer', text: spec.description, staff: null, internal: false });

  const escalated = spec.team === 'escalations';
  const agent: StaffKey = spec.assignee ?? 'agent1';
  // An escalated ticket was first handled in First line by someone other than its final assignee.
  const firstAgent: StaffKey | null = !spec.assignee
    ? null
    : escalated
      ? agent === 'agent1'
        ? 'agent2'
        : 'agent1'
      : agent;
  const team: TeamKey | null = spec.team ?? (spec.assignee ? 'first-line' : null);

  if (firstAgent) {
    assignments.push({
      offset: at(6 * MINUTE + (index % 9) * MINUTE),
      action: 'assigned',
      fromUser: null,
      toUser: firstAgent,
      fromTeam: null,
      toTeam: 'first-line',
      reason: `Routed by category`,
      by: null,
    });
    system(0, `Assigned to ${staffName(firstAgent)} (${teamName('first-line')})`, true);
  }

  let firstResponseAt: number | null = null;
  if (spec.reply) {
    const replier = firstAgent ?? agent;
    firstResponseAt = at(FIRST_RESPONSE_DELAY[spec.priority] + ((index * 11) % 40) * MINUTE);
    messages.push({
      offset: cursor,
      type: 'agent',
      text: signed(spec.reply, customerName, replier),
      staff: replier,
      internal: false,
    });
    if (spec.status === 'pending')
      system(2 * MINUTE, 'Status changed from open to pending: waiting for the customer');
  }
  if (spec.note) {
    messages.push({
      offset: at(40 * MINUTE),
      type: 'note',
      text: spec.note,
      staff: firstAgent ?? agent,
      internal: true,
    });
  }
  if (escalated && firstAgent) {
    assignments.push({
      offset: at(55 * MINUTE),
      action: 'escalated',
      fromUser: firstAgent,
      toUser: agent,
      fromTeam: 'first-line',
      toTeam: 'escalations',
      reason: spec.note ?? 'Needs a decision beyond First line',
      by: firstAgent,
    });
    system(0, `Escalated to ${teamName('escalations')}, assigned to ${staffName(agent)}`, true);
  }
  if (spec.followUp) {
    messages.push({
      offset: at(4 * HOUR + (index % 5) * 17 * MINUTE),
      type: 'customer',
      text: spec.followUp,
      staff: null,
      internal: false,
    });
  }

  let resolvedAt: number | null = null;
  let closedAt: number | null = null;
  switch (spec.status) {
    case 'new':
    case 'open':
    case 'pending':
      break;
    case 'on_hold':
      system(20 * MINUTE, 'Status changed to on hold: waiting for a third party');
      break;
    case 'cancelled':
      system(25 * MINUTE, 'Ticket cancelled at the customer’s request');
      break;
    case 'resolved':
    case 'closed': {
      const text =
        spec.resolution ?? 'I’m glad we could sort this out. Just reply if there is anything else.';
      resolvedAt = at(20 * HOUR + (index % 4) * 45 * MINUTE);
      messages.push({
        offset: cursor,
        type: 'agent',
        text: signed(text, customerName, agent),
        staff: agent,
        internal: false,
      });
      system(1 * MINUTE, 'Status changed to resolved');
      if (spec.status === 'closed') {
        closedAt = at(AUTO_CLOSE_AFTER);
        system(0, 'Ticket closed automatically: resolved three days ago without a reply from the customer');
      }
      break;
    }
  }
  // A rating arrives a few hours after the resolution; it only moves updated_at.
  const lastActivity = cursor + (spec.rating && resolvedAt !== null && closedAt === null ? 5 * HOUR : 0);

  // Opened during the working day, daysAgo days before the anchor, but early enough for the whole thread
  // to have happened before it.
  const nominal = DEMO_ANCHOR.getTime() - spec.daysAgo * DAY + (((index * 53) % 540) - 150) * MINUTE;
  const latest = DEMO_ANCHOR.getTime() - lastActivity - (10 + (index % 7) * 13) * MINUTE;
  const t0 = Math.min(nominal, latest);
  const time = (offset: number) => new Date(t0 + offset);
  const opt = (offset: number | null) => (offset === null ? null : time(offset));

  return {
    createdAt: time(0),
    updatedAt: time(lastActivity),
    firstResponseAt: opt(firstResponseAt),
    resolvedAt: opt(resolvedAt),
    closedAt: opt(closedAt),
    team,
    messages: messages.map(({ offset, ...m }) => ({ ...m, at: time(offset) })),
    assignments: assignments.map(({ offset, ...a }) => ({ ...a, at: time(offset) })),
  };
}
