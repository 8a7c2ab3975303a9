/**
 * Desk replies back to the social inbox or system a ticket came from: a public staff reply on a ticket
 * with an external conversation is recorded as `channel.reply` with the external ids, and the outbound
 * webhooks (modules/webhooks) deliver it to the subscriptions of that type, signed and retried. Once per
 * message (a repeated event finds the channel.reply already recorded).
 */
import type { Database } from '../../../db/client.js';
import { inWorkspace } from '../../../db/tenant.js';
import { recordEvent } from '../../../platform/events.js';
import type { EventSubscriber } from '../../../platform/events/subscriber.js';

export function socialReplySubscriber(deps: { db: Database }): EventSubscriber {
  return {
    name: 'social-replies',
    types: ['message.created'],
    async handle(event) {
      const p = event.payload;
      if (p.message_type !== 'agent' || p.is_internal === true) return;
      const ticketId = Number(p.ticket_id);
      const messageId = Number(p.message_id);
      await inWorkspace(deps.db, event.workspaceId, async (tx) => {
        const thread = await tx
          .selectFrom('social_threads as s')
          .innerJoin('support_tickets as t', (j) =>
            j.onRef('t.workspace_id', '=', 's.workspace_id').onRef('t.id', '=', 's.ticket_id'),
          )
          .select([
            's.source',
            's.external_conversation_id',
            's.external_user_id',
            't.ticket_number',
            't.channel',
          ])
          .where('s.workspace_id', '=', event.workspaceId)
          .where('s.ticket_id', '=', ticketId)
          .executeTakeFirst();
        if (!thread) return;
        const done = await tx
          .selectFrom('domain_events')
          .select('id')
          .where('workspace_id', '=', event.workspaceId)
          .where('type', '=', 'channel.reply')
          .where('subject_id', '=', messageId)
          .executeTakeFirst();
        if (done) return;
        await recordEvent(tx, {
          workspaceId: event.workspaceId,
          type: 'channel.reply',
          subjectId: messageId,
          actor: { userId: event.actorUserId },
          payload: {
            ticket_id: ticketId,
            ticket_number: thread.ticket_number,
            message_id: messageId,
            channel: thread.channel === 'api' ? 'api' : 'social',
            source: thread.source,
            external_conversation_id: thread.external_conversation_id,
            external_user_id: thread.external_user_id,
          },
        });
      });
    },
  };
}
