/**
 * A message from a social inbox or another system: the external user is a customer of the workspace
 * (social_identities; by their email when given, else a placeholder under `.invalid`), the external
 * conversation is a ticket (social_threads) — the first message opens it (channel `social` or `api`),
 * later ones thread onto it. Idempotent by the external message id (the intake's receipts).
 */
import type { Customer } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import { invalid } from '../../../platform/errors.js';
import type { TicketHooks } from '../../tickets/index.js';
import { receiveInbound, type InboundResult } from '../intake/receive-inbound.js';

export interface SocialMessage {
  channel?: 'social' | 'api';
  source: string;
  message_id: string;
  conversation_id: string;
  user: { id: string; name?: string; email?: string; handle?: string };
  text: string;
  subject?: string;
}

async function customerOf(tx: Tx, workspaceId: number, m: SocialMessage): Promise<Customer | undefined> {
  return tx
    .selectFrom('social_identities as i')
    .innerJoin('customers as c', (j) =>
      j.onRef('c.workspace_id', '=', 'i.workspace_id').onRef('c.id', '=', 'i.customer_id'),
    )
    .selectAll('c')
    .where('i.workspace_id', '=', workspaceId)
    .where('i.source', '=', m.source)
    .where('i.external_user_id', '=', m.user.id)
    .executeTakeFirst();
}

function placeholderEmail(m: SocialMessage): string {
  const safe = (v: string) =>
    v
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'x';
  return `${safe(m.source)}.${safe(m.user.id)}@social.invalid`;
}

export async function receiveSocialMessage(
  ctx: { tx: Tx; workspace: { id: number; default_priority: string }; now: Date; hooks: TicketHooks },
  m: SocialMessage,
): Promise<InboundResult> {
  const { tx, workspace, now } = ctx;
  const text = m.text.trim();
  if (!text) throw invalid('text', 'must not be empty');
  const channel = m.channel ?? 'social';
  const known = await customerOf(tx, workspace.id, m);
  const from = {
    email: known?.email ?? m.user.email ?? placeholderEmail(m),
    ...(m.user.name || m.user.handle ? { name: m.user.name ?? m.user.handle } : {}),
  };
  const thread = await tx
    .selectFrom('social_threads')
    .select('ticket_id')
    .where('workspace_id', '=', workspace.id)
    .where('source', '=', m.source)
    .where('external_conversation_id', '=', m.conversation_id)
    .executeTakeFirst();
  const received = await receiveInbound(
    { tx, workspace, now, hooks: ctx.hooks },
    {
      channel,
      actor: { kind: 'channel' },
      externalId: `${m.source}:${m.message_id}`,
      from,
      ...(thread
        ? { thread: { ticket: thread.ticket_id, message: text } }
        : {
            ticket: {
              subject: (m.subject?.trim() || `${m.source}: ${text.split('\n')[0] ?? ''}`).slice(0, 255),
              description: text,
            },
          }),
    },
  );
  if (!received.created) return received;
  await tx
    .insertInto('social_identities')
    .values({
      workspace_id: workspace.id,
      source: m.source,
      external_user_id: m.user.id,
      customer_id: received.customer.id,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'source', 'external_user_id']).doNothing())
    .execute();
  if (!thread) {
    await tx
      .insertInto('social_threads')
      .values({
        workspace_id: workspace.id,
        source: m.source,
        external_conversation_id: m.conversation_id,
        external_user_id: m.user.id,
        ticket_id: received.ticket.id,
        created_at: now,
      })
      .execute();
  }
  return received;
}
