/**
 * Test data for the report: tickets with exact timestamps, status histories and replies, written
 * directly (the ticket use cases are tested elsewhere; here every instant must be known to hand-compute
 * the figures). Only imported by tests.
 */
import type { Database } from '../db/client.js';
import type { TicketChannel, TicketStatus, Workspace } from '../db/schema.js';
import { asSystem } from '../db/tenant.js';
import { buildCustomer } from './factories.js';

export interface FixtureTicket {
  channel: TicketChannel;
  priority: string;
  created: string;
  assignee?: number | null;
  /** Status changes in order: [ISO time, new status]. */
  moves?: [string, TicketStatus][];
  /** Public staff replies: [ISO time, sender]. The first sets first_response_at. */
  replies?: [string, number][];
  notes?: [string, number][];
  rating?: [number, string];
  responseBreached?: boolean;
}

export async function insertFixtureTicket(db: Database, ws: Workspace, spec: FixtureTicket): Promise<number> {
  const customer = await buildCustomer(db, ws, { password: null });
  return asSystem(db, async (tx) => {
    const priority = await tx
      .selectFrom('ticket_priorities')
      .select('id')
      .where('workspace_id', '=', ws.id)
      .where('code', '=', spec.priority)
      .executeTakeFirstOrThrow();
    const seq = await tx
      .updateTable('workspaces')
      .set((eb) => ({ next_ticket_number: eb('next_ticket_number', '+', 1) }))
      .where('id', '=', ws.id)
      .returning(['next_ticket_number', 'ticket_prefix'])
      .executeTakeFirstOrThrow();
    const moves = spec.moves ?? [];
    const last = moves.at(-1);
    const status = last?.[1] ?? 'new';
    const resolvedMove = [...moves].reverse().find(([, s]) => s === 'resolved');
    const closedMove = [...moves].reverse().find(([, s]) => s === 'closed' || s === 'cancelled');
    const active = ['new', 'open', 'pending', 'on_hold'].includes(status);
    const ticket = await tx
      .insertInto('support_tickets')
      .values({
        workspace_id: ws.id,
        customer_id: customer.id,
        priority_id: priority.id,
        ticket_number: `${seq.ticket_prefix}-${seq.next_ticket_number - 1}`,
        subject: 'Fixture',
        description: 'Fixture ticket',
        status,
        channel: spec.channel,
        assigned_to_id: spec.assignee ?? null,
        created_at: spec.created,
        updated_at: last?.[0] ?? spec.created,
        first_response_at: spec.replies?.[0]?.[0] ?? null,
        resolved_at: !active && resolvedMove ? resolvedMove[0] : null,
        closed_at: !active && closedMove ? closedMove[0] : null,
        response_breached: spec.responseBreached ?? false,
        satisfaction_rating: spec.rating?.[0] ?? null,
        satisfaction_comment: spec.rating?.[1] ?? '',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let from: TicketStatus = 'new';
    for (const [at, to] of moves) {
      await tx
        .insertInto('ticket_history')
        .values({
          workspace_id: ws.id,
          ticket_id: ticket.id,
          field: 'status',
          old_value: from,
          new_value: to,
          created_at: at,
        })
        .execute();
      from = to;
    }
    const messages = [
      ...(spec.replies ?? []).map(([at, sender]) => ({ at, sender, internal: false })),
      ...(spec.notes ?? []).map(([at, sender]) => ({ at, sender, internal: true })),
    ];
    for (const m of messages) {
      await tx
        .insertInto('support_ticket_messages')
        .values({
          workspace_id: ws.id,
          ticket_id: ticket.id,
          message: 'Fixture reply',
          message_type: m.internal ? 'note' : 'agent',
          is_internal: m.internal,
          is_staff_reply: true,
          sender_id: m.sender,
          created_at: m.at,
        })
        .execute();
    }
    return ticket.id;
  });
}

/**
 * A workspace's stats rollups (facts without their refresh time, the daily sums and the per-dimension
 * sums), in a fixed order.
 */
export async function statsRollups(database: Database, workspaceId: number) {
  return asSystem(database, async (tx) => ({
    facts: (
      await tx
        .selectFrom('ticket_stat_facts')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('ticket_id')
        .execute()
    ).map(({ refreshed_at: _refreshed, ...rest }) => rest),
    daily: await tx
      .selectFrom('ticket_stat_daily')
      .select(['day', 'metric', 'key', 'n'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('day')
      .orderBy('metric')
      .orderBy('key')
      .execute(),
    dims: await tx
      .selectFrom('ticket_stat_dims')
      .select(['dim', 'value', 'day', 'metric', 'key', 'n'])
      .where('workspace_id', '=', workspaceId)
      .orderBy(['dim', 'value', 'day', 'metric', 'key'])
      .execute(),
  }));
}
