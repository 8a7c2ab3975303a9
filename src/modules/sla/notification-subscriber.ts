/**
 * The SLA mail subscriber: after commit, the dispatcher hands it each `sla.warning` (mailed to the
 * ticket's assignee, else its team, else the admins) and `ticket.escalated` (mailed to the escalation
 * team); sweep-notify.ts writes the mails, once per event and recipient. A breach is mailed through its
 * escalation when the SLA escalates, and to the responsible agent by the notifications subscriber
 * (kind sla_breach), so `sla.breached` itself mails nothing here.
 */
import type { Database } from '../../db/client.js';
import { inWorkspace } from '../../db/tenant.js';
import type { EventSubscriber } from '../../platform/events/subscriber.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { sendSlaNotifications } from './sweep-notify.js';

export interface SlaMailDeps {
  db: Database;
  jobs: JobQueue;
  publicUrl: string;
}

export function slaMailSubscriber(deps: SlaMailDeps): EventSubscriber {
  return {
    name: 'sla-mail',
    types: ['sla.warning', 'ticket.escalated'],
    async handle(event) {
      await inWorkspace(deps.db, event.workspaceId, (tx) =>
        sendSlaNotifications(tx, {
          workspaceId: event.workspaceId,
          eventIds: [event.id],
          jobs: deps.jobs,
          publicUrl: deps.publicUrl,
        }),
      );
    },
  };
}
