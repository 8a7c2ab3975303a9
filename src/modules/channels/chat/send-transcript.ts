/** The visitor asks for the chat by email: its public lines (never notes or system messages) to the customer. */
import type { ChatConversation } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import type { JobQueue } from '../../../platform/jobs/queue.js';
import { queueEmail } from '../../../platform/mail/queue-email.js';
import { chatMailText } from './chat-mail.js';
import { transcript } from './repository.js';

function clock(d: Date): string {
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

export async function sendTranscript(
  ctx: { tx: Tx; jobs: JobQueue },
  conv: ChatConversation,
): Promise<{ to: string; lines: number }> {
  const { tx } = ctx;
  const facts = await tx
    .selectFrom('support_tickets as t')
    .innerJoin('customers as c', (j) =>
      j.onRef('c.workspace_id', '=', 't.workspace_id').onRef('c.id', '=', 't.customer_id'),
    )
    .innerJoin('workspaces as w', 'w.id', 't.workspace_id')
    .select([
      't.ticket_number',
      't.description',
      't.created_at',
      'c.email',
      'c.name',
      'w.name as workspace_name',
    ])
    .where('t.workspace_id', '=', conv.workspace_id)
    .where('t.id', '=', conv.ticket_id)
    .executeTakeFirstOrThrow();
  const lines = await transcript(tx, conv.workspace_id, conv.ticket_id, { publicOnly: true });
  const you = facts.name || facts.email;
  const body = [
    `[${clock(facts.created_at)}] ${you}: ${facts.description}`,
    ...lines.map(
      (l) =>
        `[${clock(l.created_at)}] ${l.message_type === 'customer' ? you : l.sender_name || 'Support'}: ${l.message}`,
    ),
  ].join('\n');
  const head = chatMailText(conv.language, 'transcript', facts);
  await queueEmail(tx, ctx.jobs, {
    workspaceId: conv.workspace_id,
    to: facts.email,
    subject: head.subject,
    text: `${head.text}${body}\n`,
    ticketId: conv.ticket_id,
  });
  return { to: facts.email, lines: lines.length + 1 };
}
