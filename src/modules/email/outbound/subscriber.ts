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
import { inWorkspace, type Tx } from '../../../db/tenant.js';
import {
  eventsByWorkspace,
  type EventSubscriber,
  type StoredEvent,
} from '../../../platform/events/subscriber.js';
import type { Logger } from '../../../platform/logger.js';
import { acknowledgementVerdicts } from './acknowledge.js';
import {
  loadMailTickets,
  mailboxesOfTickets,
  queueCustomerMails,
  type CustomerMailDeps,
  type QueuedCustomerMail,
} from './queue-customer-mail.js';

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
  const [queued] = await inWorkspace(deps.db, event.workspaceId, (tx) =>
    queueMailsOf(deps, tx, event.workspaceId, [{ event, mail: wanted }]),
  );
  return queued ?? null;
}

/**
 * Queues the mails a workspace's events ask for, with one statement per step for all of them: the
 * tickets and their mailboxes, the acknowledgements' verdicts, then the mails (queueCustomerMails).
 */
async function queueMailsOf(
  deps: OutboundMailDeps,
  tx: Tx,
  workspaceId: number,
  wanted: readonly { event: StoredEvent; mail: NonNullable<ReturnType<typeof mailOf>> }[],
): Promise<(QueuedCustomerMail | null)[]> {
  const tickets = await loadMailTickets(
    tx,
    workspaceId,
    wanted.map((w) => w.mail.ticketId),
  );
  const mailboxes = await mailboxesOfTickets(tx, workspaceId, tickets.values());
  const acks = wanted.filter((w) => w.mail.kind === 'acknowledgement');
  const verdicts = await acknowledgementVerdicts(tx, {
    workspaceId,
    capPerHour: deps.ackCapPerHour ?? DEFAULT_ACK_CAP_PER_HOUR,
    candidates: acks.map(({ mail }) => ({
      ticketId: mail.ticketId,
      mailbox: mailboxes.get(mail.ticketId) ?? null,
      ticket: tickets.get(mail.ticketId),
    })),
  });
  const refused = new Set<(typeof wanted)[number]>();
  for (const [i, verdict] of verdicts.entries()) {
    const ack = acks[i];
    if (!ack || verdict.send) continue;
    refused.add(ack);
    deps.log?.info({ ticketId: ack.mail.ticketId, reason: verdict.reason }, 'no acknowledgement mailed');
  }
  const sent = wanted.filter((w) => !refused.has(w) && tickets.has(w.mail.ticketId));
  const queued = await queueCustomerMails(
    tx,
    deps,
    workspaceId,
    sent.map(({ event, mail }) => ({
      ticketId: mail.ticketId,
      kind: mail.kind,
      sourceKey: `${event.type}:${event.id}`,
      ...(mail.messageId !== undefined ? { messageId: mail.messageId } : {}),
    })),
    { tickets, mailboxes },
  );
  const byWanted = new Map(sent.map((w, i) => [w, queued[i] ?? null]));
  return wanted.map((w) => byWanted.get(w) ?? null);
}

/** The subscriber the dispatcher runs for customer mail. */
export function outboundMailSubscriber(deps: OutboundMailDeps): EventSubscriber {
  return {
    name: 'email-outbound',
    types: ['ticket.created', 'message.created', 'ticket.status_changed'],
    async handle(event) {
      await mailForEvent(deps, event);
    },
    // One transaction per workspace, and none for a workspace whose events ask for no mail; one statement
    // per step for all of its events.
    async handleBatch(events) {
      for (const [workspaceId, list] of eventsByWorkspace(events)) {
        const wanted = list.flatMap((event) => {
          const mail = mailOf(event);
          return mail ? [{ event, mail }] : [];
        });
        if (wanted.length === 0) continue;
        await inWorkspace(deps.db, workspaceId, (tx) => queueMailsOf(deps, tx, workspaceId, wanted));
      }
    },
  };
}
