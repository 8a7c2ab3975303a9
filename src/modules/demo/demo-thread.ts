/**
 * Turns a demo ticket's story into its conversation: messages, assignment log and the status timestamps,
 * all consistent with the status and all before DEMO_ANCHOR. Pure and deterministic (no clock, no random).
 */
import type { AssignmentAction, MessageType, TicketStatus } from '../../db/schema.js';
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
const CLOSE_AFTER = 3 * DAY;

const staffName = (key: StaffKey): string => DEMO_STAFF.find((s) => s.key === key)?.name ?? key;
const teamName = (key: TeamKey): string => DEMO_TEAMS.find((t) => t.key === key)?.name ?? key;
const firstName = (fullName: string): string => fullName.split(' ')[0] ?? fullName;

/** An agent's message as the customer receives it: greeting, text, signature. */
function signed(text: string, customerName: string, agent: StaffKey): string {
  return `Hi ${firstName(customerName)},\n\n${text}\n\nBest regards,\n${staffName(agent)}\nDemo Shop Support`;
}

/** Why First line handed the ticket on, as an agent would write it. */
function escalationReason(spec: DemoTicketSpec): string {
  if (spec.tags?.includes('vip')) return 'VIP customer';
  if (spec.tags?.includes('damaged') || spec.tags?.includes('carrier')) return 'carrier claim needed';
  if (spec.category === 'refunds' || spec.tags?.includes('refund')) return 'refund needs approval';
  if (spec.category === 'account') return 'data-protection request';
  return 'needs a decision beyond First line';
}

type Draft<T> = Omit<T, 'at'> & { offset: number };

/** Builds the thread of the index-th demo ticket for the customer called customerName. */
export function buildThread(spec: DemoTicketSpec, index: number, customerName: string): DemoThread {
  const messages: Draft<DraftMessage>[] = [];
  const assignments: Draft<DraftAssignment>[] = [];
  let cursor = 0;
  const at = (delay: number) => (cursor += delay);
  const post = (delay: number, type: MessageType, text: string, staff: StaffKey | null = null) =>
    messages.push({ offset: at(delay), type, text, staff, internal: type === 'note' || type === 'system' });
  // System messages read like the ones the ticket use cases write (see tickets/system-message.ts).
  let status: TicketStatus = 'new';
  const changeStatus = (delay: number, to: TicketStatus, by: string, reason = '') => {
    post(delay, 'system', `Status changed from ${status} to ${to} by ${by}${reason ? ` — ${reason}` : ''}`);
    status = to;
  };

  post(0, 'customer', spec.description);

  const escalated = spec.team === 'escalations';
  const agent: StaffKey = spec.assignee ?? 'agent1';
  // An escalated ticket was first handled in First line by someone other than its final assignee.
  const firstAgent: StaffKey | null = !spec.assignee
    ? null
    : !escalated
      ? agent
      : agent === 'agent1'
        ? 'agent2'
        : 'agent1';
  const team: TeamKey | null = spec.team ?? (spec.assignee ? 'first-line' : null);

  if (firstAgent) {
    const reason = 'routed by category';
    const offset = at(6 * MINUTE + (index % 9) * MINUTE);
    assignments.push({
      offset,
      action: 'assigned',
      fromUser: null,
      toUser: firstAgent,
      fromTeam: null,
      toTeam: 'first-line',
      reason,
      by: null,
    });
    post(
      0,
      'system',
      `Ticket assigned to ${staffName(firstAgent)} and moved to team ${teamName('first-line')} — ${reason}`,
    );
  }

  let firstResponseAt: number | null = null;
  if (spec.reply) {
    const replier = firstAgent ?? agent;
    firstResponseAt = at(FIRST_RESPONSE_DELAY[spec.priority] + ((index * 11) % 40) * MINUTE);
    post(0, 'agent', signed(spec.reply, customerName, replier), replier);
    status = 'open'; // the first public reply opens a new ticket
    if (spec.status === 'pending')
      changeStatus(2 * MINUTE, 'pending', staffName(replier), 'waiting for the customer');
  }
  if (spec.note) post(40 * MINUTE, 'note', spec.note, firstAgent ?? agent);
  if (escalated && firstAgent) {
    const reason = escalationReason(spec);
    const offset = at(55 * MINUTE);
    assignments.push({
      offset,
      action: 'escalated',
      fromUser: firstAgent,
      toUser: agent,
      fromTeam: 'first-line',
      toTeam: 'escalations',
      reason,
      by: firstAgent,
    });
    post(
      0,
      'system',
      `Escalated assigned to ${staffName(agent)} and moved to team ${teamName('escalations')} by ${staffName(firstAgent)} — ${reason}`,
    );
  }
  if (spec.followUp) post(4 * HOUR + (index % 5) * 17 * MINUTE, 'customer', spec.followUp);

  let resolvedAt: number | null = null;
  let closedAt: number | null = null;
  switch (spec.status) {
    case 'new':
    case 'open':
    case 'pending':
      break;
    case 'on_hold':
      changeStatus(
        20 * MINUTE,
        'on_hold',
        staffName(agent),
        spec.tags?.includes('carrier') ? 'waiting for the carrier' : 'waiting for a third party',
      );
      break;
    case 'cancelled':
      changeStatus(25 * MINUTE, 'cancelled', `customer ${customerName}`);
      closedAt = cursor;
      break;
    case 'resolved':
    case 'closed': {
      const text =
        spec.resolution ?? 'I’m glad we could sort this out. Just reply if there is anything else.';
      resolvedAt = at(20 * HOUR + (index % 4) * 45 * MINUTE);
      post(0, 'agent', signed(text, customerName, agent), agent);
      changeStatus(1 * MINUTE, 'resolved', staffName(agent));
      if (spec.status === 'closed') {
        changeStatus(CLOSE_AFTER, 'closed', staffName(agent), 'no reply from the customer for three days');
        closedAt = cursor;
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
