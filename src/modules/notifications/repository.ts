/** SQL of notifications and notification preferences; takes the transaction explicitly. */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { DB, NotificationKind } from '../../db/schema.js';
import { keyedWorkspace, type Tx } from '../../db/tenant.js';

export type Notification = Selectable<DB['notifications']>;

export interface TicketFacts {
  id: number;
  ticket_number: string;
  subject: string;
  assigned_to_id: number | null;
}

export function findTicket(tx: Tx, workspaceId: number, id: number): Promise<TicketFacts | undefined> {
  return tx
    .selectFrom('support_tickets')
    .select(['id', 'ticket_number', 'subject', 'assigned_to_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** findTicket for several tickets in one statement. */
export function findTickets(tx: Tx, workspaceId: number, ids: number[]): Promise<TicketFacts[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('support_tickets')
    .select(['id', 'ticket_number', 'subject', 'assigned_to_id'])
    .where('workspace_id', '=', keyedWorkspace(workspaceId))
    .where('id', 'in', ids)
    .execute();
}

/** findMessage for several messages in one statement. */
export function findMessages(tx: Tx, workspaceId: number, ids: number[]) {
  return tx
    .selectFrom('support_ticket_messages')
    .select(['id', 'ticket_id', 'message', 'message_type', 'is_internal', 'sender_id', 'sender_customer_id'])
    .where('workspace_id', '=', keyedWorkspace(workspaceId))
    .where('id', 'in', ids.length > 0 ? ids : [-1])
    .execute();
}

export type MessageFacts = NonNullable<Awaited<ReturnType<typeof findMessage>>>;

export function findMessage(tx: Tx, workspaceId: number, id: number) {
  return tx
    .selectFrom('support_ticket_messages')
    .select(['id', 'ticket_id', 'message', 'message_type', 'is_internal', 'sender_id', 'sender_customer_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findTeamName(tx: Tx, workspaceId: number, teamId: number) {
  return tx
    .selectFrom('support_teams')
    .select(['name', 'is_active'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', teamId)
    .executeTakeFirst();
}

export async function teamMemberIds(tx: Tx, workspaceId: number, teamId: number): Promise<number[]> {
  const rows = await tx
    .selectFrom('support_team_members')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('team_id', '=', teamId)
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

/** Active staff members of the workspace (id, email), optionally only the given ids. */
export function activeMembers(tx: Tx, workspaceId: number, ids?: readonly number[]) {
  let q = tx
    .selectFrom('workspace_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email'])
    .where('m.workspace_id', '=', workspaceId)
    .where('u.is_active', '=', true);
  if (ids) {
    if (ids.length === 0) return Promise.resolve([]);
    q = q.where('u.id', 'in', ids);
  }
  return q.orderBy('u.id').execute();
}

export function preferenceRows(tx: Tx, workspaceId: number, userId: number) {
  return tx
    .selectFrom('notification_preferences')
    .select(['kind', 'in_app', 'email'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
}

export async function upsertPreference(
  tx: Tx,
  values: { workspace_id: number; user_id: number; kind: NotificationKind; in_app: boolean; email: boolean },
): Promise<void> {
  await tx
    .insertInto('notification_preferences')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'user_id', 'kind']).doUpdateSet({
        in_app: values.in_app,
        email: values.email,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
}

/** Inserts the notification unless this event already notified this user of this kind; the new row. */
export function insertNotification(tx: Tx, values: Insertable<DB['notifications']>) {
  return tx
    .insertInto('notifications')
    .values(values)
    .onConflict((oc) => oc.columns(['workspace_id', 'event_id', 'user_id', 'kind']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function setOutboundEmail(tx: Tx, id: number, outboundEmailId: number): Promise<void> {
  await tx
    .updateTable('notifications')
    .set({ outbound_email_id: outboundEmailId })
    .where('id', '=', id)
    .execute();
}

export function inbox(
  tx: Tx,
  workspaceId: number,
  userId: number,
  options: { limit: number; beforeId: number | null; unreadOnly: boolean },
) {
  let q = tx
    .selectFrom('notifications')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('in_app', '=', true);
  if (options.unreadOnly) q = q.where('read_at', 'is', null);
  if (options.beforeId !== null) q = q.where('id', '<', options.beforeId);
  return q
    .orderBy('id', 'desc')
    .limit(options.limit + 1)
    .execute();
}

export async function unreadCount(tx: Tx, workspaceId: number, userId: number): Promise<number> {
  const row = await tx
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('in_app', '=', true)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the user's notifications read (kept read if it was); the row, or undefined if not theirs. */
export function markRead(tx: Tx, workspaceId: number, userId: number, id: number, now: Date) {
  return tx
    .updateTable('notifications')
    .set({ read_at: sql<Date>`coalesce(read_at, ${now})` })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('in_app', '=', true)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function markAllRead(tx: Tx, workspaceId: number, userId: number, now: Date): Promise<number> {
  const r = await tx
    .updateTable('notifications')
    .set({ read_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('in_app', '=', true)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
