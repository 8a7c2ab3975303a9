/**
 * Turns one event into notifications, in one transaction: per recipient whose preferences want the
 * kind in the app or by email, a notifications row unique per (event, user, kind); only when that row is
 * new, a `notification.created` event for the user's stream (in-app) and a mail through the outbox. A
 * repeated event inserts no row, so it records and mails nothing again: email at most once.
 */
import type { Database } from '../../db/client.js';
import { inWorkspace, type Tx } from '../../db/tenant.js';
import { recordEvent } from '../../platform/events.js';
import type { StoredEvent } from '../../platform/events/subscriber.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { queueEmail } from '../../platform/mail/queue-email.js';
import { preferencesOf } from './preferences.js';
import { recipientsOf, type Prefetched } from './recipients.js';
import * as repo from './repository.js';

export interface NotifyDeps {
  db: Database;
  jobs: JobQueue;
  publicUrl: string;
}

/** The ids of the notifications this event created now (none when it was handled before). */
export async function notifyOfEvent(deps: NotifyDeps, event: StoredEvent): Promise<number[]> {
  return inWorkspace(deps.db, event.workspaceId, (tx) => notifyIn(deps, tx, event));
}

/** notifyOfEvent in the caller's transaction (of the event's workspace). */
export async function notifyIn(
  deps: NotifyDeps,
  tx: Tx,
  event: StoredEvent,
  /** The batch's tickets and messages, read at once (recipients.ts prefetchFor). */
  known?: Prefetched,
): Promise<number[]> {
  const ws = event.workspaceId;
  const { ticket, recipients } = await recipientsOf(tx, event, known);
  if (!ticket) return [];
  const created: number[] = [];
  for (const r of recipients) {
    const channels = (await preferencesOf(tx, ws, r.userId))[r.kind];
    if (!channels.in_app && !channels.email) continue;
    const row = await repo.insertNotification(tx, {
      workspace_id: ws,
      user_id: r.userId,
      kind: r.kind,
      event_id: event.id,
      ticket_id: ticket.id,
      title: r.title.slice(0, 300),
      in_app: channels.in_app,
    });
    if (!row) continue; // this event already notified them
    created.push(row.id);
    if (channels.in_app) {
      await recordEvent(tx, {
        workspaceId: ws,
        type: 'notification.created',
        subjectType: 'user',
        subjectId: r.userId,
        payload: { user_id: r.userId, notification_id: row.id, kind: r.kind, ticket_id: ticket.id },
      });
    }
    if (channels.email) {
      const link = `${deps.publicUrl}/app/tickets/${encodeURIComponent(ticket.ticket_number)}`;
      const mail = await queueEmail(tx, deps.jobs, {
        workspaceId: ws,
        to: r.email,
        subject: `[${ticket.ticket_number}] ${r.title}`.slice(0, 250),
        text:
          `${r.title}\n\n${link}\n\n` +
          'You get this mail because of your notification preferences (Settings → Notifications).\n',
        ticketId: ticket.id,
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Bfg2-Notification': `notification-${row.id}` },
      });
      await repo.setOutboundEmail(tx, row.id, mail.id);
    }
  }
  return created;
}
