/**
 * The outgoing-mail subscriber: after commit, the dispatcher hands it
 * - `ticket.created` → the acknowledgement (acknowledge.ts decides whether),
 * - `message.created` of a public staff reply → the reply, with its attachments (never an internal note),
 * - `ticket.status_changed` to resolved → the resolved notice,
 * and it queues each mail (outbox row + `mail.send` job) in one transaction. Idempotent: the mail's
 * source key is the event, so an event handed over again queues nothing new.
 */
import type { Database } from '../../../db/client.js';
import type { TicketMailKind } from '../../../db/schema.js';
import { inWorkspace, keyedWorkspace, type Tx } from '../../../db/tenant.js';
import {
  eventsByWorkspace,
  type EventSubscriber,
  type StoredEvent,
} from '../../../platform/events/subscriber.js';
import type { Logger } from '../../../platform/logger.js';
import { acknowledgementVerdict } from './acknowledge.js';
import {
  queueCustomerMail,
  type CustomerMailDeps,
  type Mailbox,
  type QueuedCustomerMail,
} from './queue-customer-mail.js';
import { mailboxOfTicket } from './thread.js';

export const DEFAULT_ACK_CAP_PER_HOUR = 3;

export interface OutboundMailDeps extends CustomerMailDeps {
  db: Database;
  log?: Logger;
  /** Acknowledgements per sender and hour (default 3). */
  ackCapPerHour?: number;
}

function numberOf(payload: Record<string, unknown>, key: string): number | null {
  const v = payload[key];
  return typeof v === 'number' && Number.isInteger(v) ? v : null;
}

/** What mail an event asks for, if any. */
function mailOf(event: StoredEvent): { kind: TicketMailKind; ticketId: number; messageId?: number } | null {
  const p = event.payload;
  const ticketId = numberOf(p, 'ticket_id');
  if (ticketId === null) return null;
  switch (event.type) {
    case 'ticket.created':
      return { kind: 'acknowledgement', ticketId };
    case 'message.created': {
      const messageId = numberOf(p, 'message_id');
      if (p.is_internal !== false || p.message_type !== 'agent' || messageId === null) return null;
      return { kind: 'reply', ticketId, messageId };
    }
    case 'ticket.status_changed':
      return p.to === 'resolved' ? { kind: 'resolved', ticketId } : null;
    default:
      return null;
  }
}

/** Queues the customer mail one event asks for; null when it asks for none (or it was queued before). */
export async function mailForEvent(
  deps: OutboundMailDeps,
  event: StoredEvent,
): Promise<QueuedCustomerMail | null> {
  const wanted = mailOf(event);
  if (!wanted) return null;
  return inWorkspace(deps.db, event.workspaceId, (tx) => queueMailOf(deps, tx, event, wanted));
}

/**
 * The tickets' mailboxes (mailboxOfTicket), read for a batch of events at once: one statement for the
 * tickets, one per mailbox. A ticket missing from the map no longer exists.
 */
async function mailboxesOfTickets(
  tx: Tx,
  workspaceId: number,
  ticketIds: number[],
): Promise<Map<number, Mailbox | null>> {
  const unique = [...new Set(ticketIds)];
  if (unique.length === 0) return new Map();
  const tickets = await tx
    .selectFrom('support_tickets')
    .select(['id', 'mailbox_id'])
    .where('workspace_id', '=', keyedWorkspace(workspaceId))
    .where('id', 'in', unique)
    .execute();
  const byMailbox = new Map<number | null, Promise<Mailbox | null>>();
  const out = new Map<number, Mailbox | null>();
  for (const t of tickets) {
    // One after the other on the transaction's connection; a mailbox read once.
    let mailbox = byMailbox.get(t.mailbox_id);
    if (!mailbox) byMailbox.set(t.mailbox_id, (mailbox = mailboxOfTicket(tx, workspaceId, t.mailbox_id)));
    out.set(t.id, await mailbox);
  }
  return out;
}

async function queueMailOf(
  deps: OutboundMailDeps,
  tx: Tx,
  event: StoredEvent,
  wanted: NonNullable<ReturnType<typeof mailOf>>,
  /** The tickets' mailboxes when read for the batch already (mailboxesOfTickets). */
  known?: Map<number, Mailbox | null>,
): Promise<QueuedCustomerMail | null> {
  const mailboxes = known ?? (await mailboxesOfTickets(tx, event.workspaceId, [wanted.ticketId]));
  if (!mailboxes.has(wanted.ticketId)) return null;
  const mailbox = mailboxes.get(wanted.ticketId) ?? null;
  if (wanted.kind === 'acknowledgement') {
    const verdict = await acknowledgementVerdict(tx, {
      workspaceId: event.workspaceId,
      ticketId: wanted.ticketId,
      mailbox,
      capPerHour: deps.ackCapPerHour ?? DEFAULT_ACK_CAP_PER_HOUR,
    });
    if (!verdict.send) {
      deps.log?.info({ ticketId: wanted.ticketId, reason: verdict.reason }, 'no acknowledgement mailed');
      return null;
    }
  }
  return queueCustomerMail(
    tx,
    deps,
    {
      workspaceId: event.workspaceId,
      ticketId: wanted.ticketId,
      kind: wanted.kind,
      sourceKey: `${event.type}:${event.id}`,
      ...(wanted.messageId !== undefined ? { messageId: wanted.messageId } : {}),
    },
    mailbox,
  );
}

/** The subscriber the dispatcher runs for customer mail. */
export function outboundMailSubscriber(deps: OutboundMailDeps): EventSubscriber {
  return {
    name: 'email-outbound',
    types: ['ticket.created', 'message.created', 'ticket.status_changed'],
    async handle(event) {
      await mailForEvent(deps, event);
    },
    // One transaction per workspace, and none for a workspace whose events ask for no mail; the tickets'
    // mailboxes read once for all of its events.
    async handleBatch(events) {
      for (const [workspaceId, list] of eventsByWorkspace(events)) {
        const wanted = list.flatMap((event) => {
          const mail = mailOf(event);
          return mail ? [{ event, mail }] : [];
        });
        if (wanted.length === 0) continue;
        await inWorkspace(deps.db, workspaceId, async (tx) => {
          const mailboxes = await mailboxesOfTickets(
            tx,
            workspaceId,
            wanted.map((w) => w.mail.ticketId),
          );
          for (const { event, mail } of wanted) await queueMailOf(deps, tx, event, mail, mailboxes);
        });
      }
    },
  };
}
