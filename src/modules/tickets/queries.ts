/** Read-side SQL: tickets with the names of what they point to, their tags, messages and attachments. */
import type { Tx } from '../../db/tenant.js';

/** Every ticket column a view needs: all but the search vector, which is only for the index. */
const TICKET_COLUMNS = [
  't.id',
  't.workspace_id',
  't.customer_id',
  't.ticket_number',
  't.subject',
  't.description',
  't.category_id',
  't.priority_id',
  't.status',
  't.assigned_to_id',
  't.team_id',
  't.channel',
  't.source_email',
  't.source_phone',
  't.order_ref',
  't.consignment_ref',
  't.sla_id',
  't.first_response_at',
  't.resolved_at',
  't.closed_at',
  't.response_due_at',
  't.resolution_due_at',
  't.response_warning_at',
  't.resolution_warning_at',
  't.sla_paused_at',
  't.response_breached',
  't.resolution_breached',
  't.satisfaction_rating',
  't.satisfaction_comment',
  't.created_at',
  't.updated_at',
] as const;

export function ticketViewQuery(tx: Tx, workspaceId: number) {
  return tx
    .selectFrom('support_tickets as t')
    .innerJoin('customers as c', 'c.id', 't.customer_id')
    .innerJoin('ticket_priorities as p', 'p.id', 't.priority_id')
    .leftJoin('ticket_categories as cat', 'cat.id', 't.category_id')
    .leftJoin('users as a', 'a.id', 't.assigned_to_id')
    .leftJoin('support_teams as team', 'team.id', 't.team_id')
    .leftJoin('slas as s', 's.id', 't.sla_id')
    .where('t.workspace_id', '=', workspaceId)
    .select(TICKET_COLUMNS)
    .select([
      'c.name as customer_name',
      'c.email as customer_email',
      'p.code as priority_code',
      'p.name as priority_name',
      'p.color as priority_color',
      'cat.name as category_name',
      'cat.slug as category_slug',
      'a.name as assignee_name',
      'a.email as assignee_email',
      'team.name as team_name',
      's.name as sla_name',
    ]);
}

export type TicketViewRow = Awaited<
  ReturnType<ReturnType<typeof ticketViewQuery>['executeTakeFirstOrThrow']>
>;

export interface TagView {
  id: number;
  name: string;
  slug: string;
  color: string;
}

/** Tags of the given tickets, by ticket id. */
export async function tagsOf(
  tx: Tx,
  workspaceId: number,
  ticketIds: number[],
): Promise<Map<number, TagView[]>> {
  const byTicket = new Map<number, TagView[]>();
  if (ticketIds.length === 0) return byTicket;
  const rows = await tx
    .selectFrom('support_ticket_tags as st')
    .innerJoin('ticket_tags as tag', 'tag.id', 'st.tag_id')
    .select(['st.ticket_id', 'tag.id', 'tag.name', 'tag.slug', 'tag.color'])
    .where('st.workspace_id', '=', workspaceId)
    .where('st.ticket_id', 'in', ticketIds)
    .orderBy('tag.name')
    .execute();
  for (const { ticket_id, ...tag } of rows) {
    const list = byTicket.get(ticket_id) ?? [];
    list.push(tag);
    byTicket.set(ticket_id, list);
  }
  return byTicket;
}

/** The conversation; internal notes only when includeInternal (never for customers). */
export async function messagesOf(tx: Tx, workspaceId: number, ticketId: number, includeInternal: boolean) {
  let q = tx
    .selectFrom('support_ticket_messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId);
  if (!includeInternal) q = q.where('is_internal', '=', false);
  return q.orderBy('created_at').orderBy('id').execute();
}

/** Attachments; those of internal notes only when includeInternal. */
export async function attachmentsOf(tx: Tx, workspaceId: number, ticketId: number, includeInternal: boolean) {
  let q = tx
    .selectFrom('ticket_attachments as f')
    .leftJoin('support_ticket_messages as m', 'm.id', 'f.message_id')
    .select(['f.id', 'f.message_id', 'f.filename', 'f.file_size', 'f.mime_type', 'f.uploaded_at'])
    .where('f.workspace_id', '=', workspaceId)
    .where('f.ticket_id', '=', ticketId);
  if (!includeInternal)
    q = q.where((eb) => eb.or([eb('m.is_internal', 'is', null), eb('m.is_internal', '=', false)]));
  return q.orderBy('f.uploaded_at').orderBy('f.id').execute();
}
