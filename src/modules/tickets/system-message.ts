/** System messages record what happened to a ticket (status changes, assignments) in its conversation. */
import type { Tx } from '../../db/tenant.js';

/** Adds an internal system message; customers never see system messages. */
export async function addSystemMessage(
  tx: Tx,
  ticket: { workspace_id: number; id: number },
  text: string,
  at: Date,
): Promise<void> {
  await tx
    .insertInto('support_ticket_messages')
    .values({
      workspace_id: ticket.workspace_id,
      ticket_id: ticket.id,
      message: text,
      message_type: 'system',
      is_internal: true,
      sender_name: 'System',
      created_at: at,
    })
    .execute();
}

/** "Ada Admin", "customer jo@x.test" or "a visitor": who did it, for system messages. */
export async function describeActor(
  tx: Tx,
  actor: { kind: 'staff'; userId: number } | { kind: 'customer'; customerId: number } | { kind: 'anonymous' },
): Promise<string> {
  if (actor.kind === 'staff') {
    const u = await tx
      .selectFrom('users')
      .select(['name', 'email'])
      .where('id', '=', actor.userId)
      .executeTakeFirst();
    return u ? u.name || u.email : `user ${actor.userId}`;
  }
  if (actor.kind === 'customer') {
    const c = await tx
      .selectFrom('customers')
      .select(['name', 'email'])
      .where('id', '=', actor.customerId)
      .executeTakeFirst();
    return c ? `customer ${c.name || c.email}` : 'the customer';
  }
  return 'a visitor';
}
