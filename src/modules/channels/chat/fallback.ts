/**
 * When nobody can chat: the conversation goes on as an email ticket. The visitor is told by mail (and
 * in the widget); agents' public replies on it are mailed to them from then on (mail-replies.ts).
 */
import type { ChatConversation } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import type { JobQueue } from '../../../platform/jobs/queue.js';
import { queueEmail } from '../../../platform/mail/queue-email.js';
import { chatMailText } from './chat-mail.js';
import { recordChatStatus } from './offer-chat.js';
import { setConversation } from './repository.js';

export async function continueByEmail(
  ctx: { tx: Tx; jobs: JobQueue; now: Date },
  conv: ChatConversation,
): Promise<ChatConversation> {
  const { tx } = ctx;
  const next = await setConversation(tx, conv.workspace_id, conv.id, {
    status: 'email',
    offered_to_id: null,
  });
  await recordChatStatus(tx, next, 'email', null);
  const facts = await tx
    .selectFrom('support_tickets as t')
    .innerJoin('customers as c', (j) =>
      j.onRef('c.workspace_id', '=', 't.workspace_id').onRef('c.id', '=', 't.customer_id'),
    )
    .innerJoin('workspaces as w', 'w.id', 't.workspace_id')
    .select(['t.ticket_number', 'c.email', 'c.name', 'w.name as workspace_name'])
    .where('t.workspace_id', '=', conv.workspace_id)
    .where('t.id', '=', conv.ticket_id)
    .executeTakeFirstOrThrow();
  const mail = chatMailText(conv.language, 'fallback', facts);
  await queueEmail(tx, ctx.jobs, {
    workspaceId: conv.workspace_id,
    to: facts.email,
    subject: mail.subject,
    text: mail.text,
    ticketId: conv.ticket_id,
    headers: { 'Auto-Submitted': 'auto-replied' },
  });
  return next;
}
