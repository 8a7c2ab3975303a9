/**
 * Who is notified of an event, and of what kind. Only active staff members of the event's workspace can
 * be recipients (customers are never looked up here), and never the actor of the change.
 * - ticket.assigned to a person → that person: `assigned`;
 *   to a team without a person (it waits in the team queue) → the team's members: `team_ticket`
 *   (a ticket routed at creation arrives this way too, so ticket.created itself notifies nobody);
 * - message.created by the customer, not internal → the ticket's assignee: `customer_reply`;
 * - message.created, an internal note → every member it @mentions (mentions.ts): `mention`;
 * - sla.warning / sla.breached → the ticket's assignee: `sla_warning` / `sla_breach`;
 * - ticket.rated_badly (a rating of 1 or 2) → the ticket's assignee: `bad_rating`.
 */
import type { Tx } from '../../db/tenant.js';
import type { StoredEvent } from '../../platform/events/subscriber.js';
import type { NotificationKind } from './kinds.js';
import { handleOf, mentionedHandles } from './mentions.js';
import * as repo from './repository.js';

export const NOTIFYING_EVENTS = [
  'ticket.assigned',
  'message.created',
  'sla.warning',
  'sla.breached',
  'ticket.rated_badly',
] as const;

export interface Recipient {
  userId: number;
  email: string;
  kind: NotificationKind;
  title: string;
}

export interface Decision {
  ticket: repo.TicketFacts | null;
  recipients: Recipient[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);

function ticketIdOf(event: StoredEvent): number | null {
  return num(event.payload.ticket_id) ?? (event.subjectType === 'ticket' ? event.subjectId : null);
}

interface Wanted {
  userIds: number[];
  kind: NotificationKind;
  title: string;
}

/** The tickets and messages a batch of events names, read at once (prefetchFor); misses are read alone. */
export interface Prefetched {
  tickets: Map<number, repo.TicketFacts>;
  messages: Map<number, repo.MessageFacts>;
}

const messageIdOf = (event: StoredEvent): number | null =>
  event.type === 'message.created' ? (num(event.payload.message_id) ?? event.subjectId) : null;

/** Reads the tickets and messages of a workspace's events in two statements (none for none). */
export async function prefetchFor(tx: Tx, workspaceId: number, events: StoredEvent[]): Promise<Prefetched> {
  const ids = (of: (e: StoredEvent) => number | null) => [
    ...new Set(events.map(of).filter((id): id is number => id !== null)),
  ];
  const ticketIds = ids(ticketIdOf);
  const messageIds = ids(messageIdOf);
  const tickets = await repo.findTickets(tx, workspaceId, ticketIds);
  const messages = messageIds.length > 0 ? await repo.findMessages(tx, workspaceId, messageIds) : [];
  return {
    tickets: new Map(tickets.map((t) => [t.id, t])),
    messages: new Map(messages.map((m) => [m.id, m])),
  };
}

async function wantedFor(
  tx: Tx,
  event: StoredEvent,
  ticket: repo.TicketFacts,
  known?: Prefetched,
): Promise<Wanted[]> {
  const ws = event.workspaceId;
  const label = `${ticket.ticket_number} ${ticket.subject}`;
  switch (event.type) {
    case 'ticket.assigned': {
      const toUser = num(event.payload.to_user_id);
      if (toUser !== null)
        return [{ userIds: [toUser], kind: 'assigned', title: `Assigned to you: ${label}` }];
      const toTeam = num(event.payload.to_team_id);
      if (toTeam === null || toTeam === num(event.payload.from_team_id)) return [];
      const team = await repo.findTeamName(tx, ws, toTeam);
      if (!team?.is_active) return [];
      const members = await repo.teamMemberIds(tx, ws, toTeam);
      return [{ userIds: members, kind: 'team_ticket', title: `New in ${team.name}: ${label}` }];
    }
    case 'message.created': {
      const messageId = num(event.payload.message_id) ?? event.subjectId;
      const message = known?.messages.get(messageId) ?? (await repo.findMessage(tx, ws, messageId));
      if (!message) return [];
      if (message.is_internal) {
        const handles = new Set(mentionedHandles(message.message));
        if (handles.size === 0) return [];
        const members = await repo.activeMembers(tx, ws);
        const mentioned = members.filter((m) => handles.has(handleOf(m.email))).map((m) => m.id);
        return [{ userIds: mentioned, kind: 'mention', title: `You were mentioned on ${label}` }];
      }
      const fromCustomer = message.message_type === 'customer' || message.sender_customer_id !== null;
      if (!fromCustomer || ticket.assigned_to_id === null) return [];
      return [
        {
          userIds: [ticket.assigned_to_id],
          kind: 'customer_reply',
          title: `The customer replied on ${label}`,
        },
      ];
    }
    case 'sla.warning':
    case 'sla.breached': {
      const assignee = num(event.payload.assigned_to) ?? ticket.assigned_to_id;
      if (assignee === null) return [];
      const target = event.payload.target === 'resolution' ? 'resolution' : 'response';
      return event.type === 'sla.warning'
        ? [{ userIds: [assignee], kind: 'sla_warning', title: `SLA ${target} due soon: ${label}` }]
        : [{ userIds: [assignee], kind: 'sla_breach', title: `SLA ${target} breached: ${label}` }];
    }
    case 'ticket.rated_badly': {
      const assignee = num(event.payload.assigned_to) ?? ticket.assigned_to_id;
      if (assignee === null) return [];
      const rating = num(event.payload.rating) ?? 0;
      return [{ userIds: [assignee], kind: 'bad_rating', title: `Rated ${rating} of 5: ${label}` }];
    }
    default:
      return [];
  }
}

/** The notifications an event calls for (none for other events, or tickets not in the workspace). */
export async function recipientsOf(tx: Tx, event: StoredEvent, known?: Prefetched): Promise<Decision> {
  const ticketId = ticketIdOf(event);
  const ticket =
    ticketId === null
      ? null
      : (known?.tickets.get(ticketId) ?? (await repo.findTicket(tx, event.workspaceId, ticketId)) ?? null);
  if (!ticket) return { ticket: null, recipients: [] };
  const wanted = await wantedFor(tx, event, ticket, known);
  const ids = [...new Set(wanted.flatMap((w) => w.userIds))].filter((id) => id !== event.actorUserId);
  const members = new Map((await repo.activeMembers(tx, event.workspaceId, ids)).map((m) => [m.id, m.email]));
  const recipients: Recipient[] = [];
  for (const w of wanted) {
    for (const userId of new Set(w.userIds)) {
      const email = members.get(userId);
      if (email !== undefined && userId !== event.actorUserId) {
        recipients.push({ userId, email, kind: w.kind, title: w.title });
      }
    }
  }
  return { ticket, recipients };
}
