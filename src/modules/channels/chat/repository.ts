/** SQL of live chat: conversations, their lines' client ids and their public transcript. No rules here. */
import { sql } from 'kysely';
import type { ChatConversation, ChatStatus } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';

export async function findConversationByToken(
  tx: Tx,
  workspaceId: number,
  tokenHash: string,
): Promise<ChatConversation | undefined> {
  return tx
    .selectFrom('chat_conversations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** The conversation, locked until the transaction ends: its lines and offers are taken one at a time. */
export async function lockConversation(
  tx: Tx,
  workspaceId: number,
  id: number,
): Promise<ChatConversation | undefined> {
  return tx
    .selectFrom('chat_conversations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function findConversationByTicket(
  tx: Tx,
  workspaceId: number,
  ticketId: number,
): Promise<ChatConversation | undefined> {
  return tx
    .selectFrom('chat_conversations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function setConversation(
  tx: Tx,
  workspaceId: number,
  id: number,
  changes: Partial<{
    status: ChatStatus;
    team_id: number | null;
    offered_to_id: number | null;
    offered_at: Date | null;
    offer_round: number;
    passed_over_ids: number[];
    accepted_by_id: number | null;
    accepted_at: Date | null;
    ended_at: Date | null;
  }>,
): Promise<ChatConversation> {
  return tx
    .updateTable('chat_conversations')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The message a client id already became, if it was sent before. */
export async function findLine(
  tx: Tx,
  workspaceId: number,
  conversationId: number,
  clientId: string,
): Promise<number | undefined> {
  const row = await tx
    .selectFrom('chat_lines')
    .select('message_id')
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row?.message_id;
}

export async function insertLine(
  tx: Tx,
  row: { workspaceId: number; conversationId: number; clientId: string; messageId: number; now: Date },
): Promise<void> {
  await tx
    .insertInto('chat_lines')
    .values({
      workspace_id: row.workspaceId,
      conversation_id: row.conversationId,
      client_id: row.clientId,
      message_id: row.messageId,
      created_at: row.now,
    })
    .execute();
}

export interface TranscriptLine {
  id: number;
  ticket_id: number;
  message: string;
  message_type: string;
  is_internal: boolean;
  sender_name: string;
  created_at: Date;
  client_id: string | null;
}

/**
 * The ticket's lines as chat shows them: its messages with their client ids, after `afterId`, oldest first.
 * `publicOnly` leaves internal notes and system messages out (what a visitor may see).
 */
export async function transcript(
  tx: Tx,
  workspaceId: number,
  ticketId: number,
  options: { afterId?: number; publicOnly: boolean },
): Promise<TranscriptLine[]> {
  let q = tx
    .selectFrom('support_ticket_messages as m')
    .leftJoin('chat_lines as l', (j) =>
      j.onRef('l.workspace_id', '=', 'm.workspace_id').onRef('l.message_id', '=', 'm.id'),
    )
    .select([
      'm.id',
      'm.ticket_id',
      'm.message',
      'm.message_type',
      'm.is_internal',
      'm.sender_name',
      'm.created_at',
      'l.client_id',
    ])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.ticket_id', '=', ticketId)
    .where('m.id', '>', options.afterId ?? 0);
  if (options.publicOnly) {
    q = q.where('m.is_internal', '=', false).where('m.message_type', 'in', ['customer', 'agent']);
  }
  return q.orderBy('m.id').limit(1000).execute();
}

/** Open chats of the workspace (waiting, offered, active), oldest first, with what the desk lists. */
export async function openConversations(tx: Tx, workspaceId: number) {
  return tx
    .selectFrom('chat_conversations as c')
    .innerJoin('support_tickets as t', (j) =>
      j.onRef('t.workspace_id', '=', 'c.workspace_id').onRef('t.id', '=', 'c.ticket_id'),
    )
    .innerJoin('customers as cu', (j) =>
      j.onRef('cu.workspace_id', '=', 'c.workspace_id').onRef('cu.id', '=', 'c.customer_id'),
    )
    .select([
      'c.id',
      'c.ticket_id',
      't.ticket_number',
      't.subject',
      'c.status',
      'c.offered_to_id',
      'c.accepted_by_id',
      'c.language',
      'c.identified',
      'c.created_at',
      'cu.name as customer_name',
      'cu.email as customer_email',
    ])
    .where('c.workspace_id', '=', workspaceId)
    .where('c.status', 'in', ['waiting', 'offered', 'active'])
    .orderBy('c.created_at')
    .limit(200)
    .execute();
}

/** Chats waiting for an agent (the queue a new visitor joins). */
export async function countWaiting(tx: Tx, workspaceId: number): Promise<number> {
  const row = await tx
    .selectFrom('chat_conversations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('status', 'in', ['waiting', 'offered'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Median seconds from start to the first agent line over the workspace's last 20 answered chats. */
export async function medianAnswerSeconds(tx: Tx, workspaceId: number): Promise<number | null> {
  const row = await sql<{ median: number | null }>`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY s)::float8 AS median FROM (
      SELECT extract(epoch FROM (c.accepted_at - c.created_at)) AS s
      FROM chat_conversations c
      WHERE c.workspace_id = ${workspaceId} AND c.accepted_at IS NOT NULL
      ORDER BY c.id DESC LIMIT 20) recent`.execute(tx);
  const median = row.rows[0]?.median;
  return median === null || median === undefined ? null : Math.round(Number(median));
}
