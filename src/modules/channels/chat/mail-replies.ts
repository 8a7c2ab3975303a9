/**
 * Chats that went on by email: an agent's public reply on such a ticket is mailed to the visitor (at
 * most once per message: the mail carries the message's id in X-Bfg2-Chat-Reply and is looked for first).
 */
import type { Database } from '../../../db/client.js';
import { inWorkspace } from '../../../db/tenant.js';
import type { EventSubscriber } from '../../../platform/events/subscriber.js';
import type { JobQueue } from '../../../platform/jobs/queue.js';
import { queueEmail } from '../../../platform/mail/queue-email.js';
import { chatMailText } from './chat-mail.js';
import { findConversationByTicket } from './repository.js';

export const CHAT_REPLY_HEADER = 'X-Bfg2-Chat-Reply';

export function chatMailSubscriber(deps: { db: Database; jobs: JobQueue }): EventSubscriber {
  return {
    name: 'chat-mail-replies',
    types: ['message.created'],
    async handle(event) {
      const p = event.payload;
      if (p.message_type !== 'agent' || p.is_internal === true) return;
      const ticketId = Number(p.ticket_id);
      const messageId = Number(p.message_id);
      await inWorkspace(deps.db, event.workspaceId, async (tx) => {
        const conv = await findConversationByTicket(tx, event.workspaceId, ticketId);
        if (conv?.status !== 'email') return;
        const already = await tx
          .selectFrom('outbound_emails')
          .select('id')
          .where('workspace_id', '=', event.workspaceId)
          .where('ticket_id', '=', ticketId)
          .where('headers', '@>', JSON.stringify({ [CHAT_REPLY_HEADER]: String(messageId) }) as never)
          .executeTakeFirst();
        if (already) return;
        const facts = await tx
          .selectFrom('support_ticket_messages as m')
          .innerJoin('support_tickets as t', (j) =>
            j.onRef('t.workspace_id', '=', 'm.workspace_id').onRef('t.id', '=', 'm.ticket_id'),
          )
          .innerJoin('customers as c', (j) =>
            j.onRef('c.workspace_id', '=', 't.workspace_id').onRef('c.id', '=', 't.customer_id'),
          )
          .innerJoin('workspaces as w', 'w.id', 't.workspace_id')
          .select([
            'm.message',
            'm.is_internal',
            't.ticket_number',
            'c.email',
            'c.name',
            'w.name as workspace_name',
          ])
          .where('m.workspace_id', '=', event.workspaceId)
          .where('m.id', '=', messageId)
          .executeTakeFirst();
        if (!facts || facts.is_internal) return;
        const head = chatMailText(conv.language, 'reply', facts);
        await queueEmail(tx, deps.jobs, {
          workspaceId: event.workspaceId,
          to: facts.email,
          subject: head.subject,
          text: `${head.text}${facts.message}\n`,
          ticketId,
          headers: { [CHAT_REPLY_HEADER]: String(messageId) },
        });
      });
    },
  };
}
