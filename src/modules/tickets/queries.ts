/** Read-side SQL: tickets with the names of what they point to, their tags, messages and attachments. */
import { sql } from 'kysely';
import type { OutboundEmailStatus } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';

/** Every ticket column a view needs: all but the search vector, which is only for the index. */
const TICKET_COLUMNS = [
  't.id',
  't.version',
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

/**
 * The workspace's tickets with every column a view needs and nothing joined: callers narrow, order and
 * limit this to the rows they show, then read the names those rows point to with namedTickets.
 */
export function ticketRowsQuery(tx: Tx, workspaceId: number) {
  return tx
    .selectFrom('support_tickets as t')
    .where('t.workspace_id', '=', workspaceId)
    .select(TICKET_COLUMNS);
}

export type TicketRowsQuery = ReturnType<typeof ticketRowsQuery>;
export type TicketRow = Awaited<ReturnType<TicketRowsQuery['executeTakeFirstOrThrow']>>;

/** The names of what a ticket points to (its customer, priority, category, assignee, team, SLA). */
export interface TicketNames {
  customer: { name: string; email: string } | undefined;
  priority: { code: string; name: string; color: string } | undefined;
  category: { name: string; slug: string } | undefined;
  assignee: { name: string; email: string } | undefined;
  team: { name: string } | undefined;
  sla: { name: string } | undefined;
}

export interface TagView {
  id: number;
  name: string;
  slug: string;
  color: string;
}

/** A ticket row with the names it points to and its tags; the row itself is not copied. */
export interface NamedTicket<R extends TicketRow = TicketRow> {
  id: number;
  row: R;
  names: TicketNames;
  tags: TagView[];
}

type LookupKind = 'customer' | 'priority' | 'category' | 'assignee' | 'team' | 'sla' | 'tag';

/**
 * The rows with the names they point to and their tags, read in one statement by ids: a union of
 * single-table lookups. Joining the names in the query that picks the rows cost 10-20 ms of planning
 * for 2 ms of execution on a large workspace (eight tables, row-level security on each); this costs
 * about as much to plan as to run. Tags come ordered by name.
 */
export async function namedTickets<R extends TicketRow>(
  tx: Tx,
  workspaceId: number,
  rows: R[],
): Promise<NamedTicket<R>[]> {
  if (rows.length === 0) return [];
  const ids = (pick: (r: R) => number | null) => {
    const set = new Set<number>();
    for (const r of rows) {
      const id = pick(r);
      if (id !== null) set.add(id);
    }
    return sql<number>`any(${[...set]}::bigint[])`;
  };
  const kind = (k: LookupKind) => sql<LookupKind>`${sql.lit(k)}::text`.as('kind');
  const none = sql<string | null>`null::text`;
  const noOwner = sql<number | null>`null::bigint`.as('owner');
  // The first select gives the union its column types: the one with nothing but nullable columns.
  // The first select sets the union's column types, so it is one whose columns may all be null.
  const lookups = await tx
    .selectFrom('support_teams')
    .select([kind('team'), 'id', noOwner, 'name', none.as('a'), none.as('b')])
    .where('workspace_id', '=', workspaceId)
    .where(
      'id',
      '=',
      ids((r) => r.team_id),
    )
    .unionAll(
      tx
        .selectFrom('slas')
        .select([kind('sla'), 'id', noOwner, 'name', none.as('a'), none.as('b')])
        .where('workspace_id', '=', workspaceId)
        .where(
          'id',
          '=',
          ids((r) => r.sla_id),
        ),
    )
    .unionAll(
      tx
        .selectFrom('customers')
        .select([kind('customer'), 'id', noOwner, 'name', 'email as a', none.as('b')])
        .where('workspace_id', '=', workspaceId)
        .where(
          'id',
          '=',
          ids((r) => r.customer_id),
        ),
    )
    .unionAll(
      tx
        .selectFrom('ticket_priorities')
        .select([kind('priority'), 'id', noOwner, 'name', 'code as a', 'color as b'])
        .where('workspace_id', '=', workspaceId)
        .where(
          'id',
          '=',
          ids((r) => r.priority_id),
        ),
    )
    .unionAll(
      tx
        .selectFrom('ticket_categories')
        .select([kind('category'), 'id', noOwner, 'name', 'slug as a', none.as('b')])
        .where('workspace_id', '=', workspaceId)
        .where(
          'id',
          '=',
          ids((r) => r.category_id),
        ),
    )
    .unionAll(
      // Staff accounts are install-wide; row-level security shows only the workspace's members.
      tx
        .selectFrom('users')
        .select([kind('assignee'), 'id', noOwner, 'name', 'email as a', none.as('b')])
        .where(
          'id',
          '=',
          ids((r) => r.assigned_to_id),
        ),
    )
    .unionAll(
      tx
        .selectFrom('support_ticket_tags as st')
        .innerJoin('ticket_tags as tag', 'tag.id', 'st.tag_id')
        .select([
          kind('tag'),
          'tag.id',
          'st.ticket_id as owner',
          'tag.name',
          'tag.slug as a',
          'tag.color as b',
        ])
        .where('st.workspace_id', '=', workspaceId)
        .where(
          'st.ticket_id',
          '=',
          ids((r) => r.id),
        ),
    )
    .orderBy('name')
    .orderBy('id')
    .execute();

  // One map per kind, by id; the rows and their lookups are only pointed to, never copied.
  type Lookup = (typeof lookups)[number];
  const byKind = new Map<LookupKind, Map<number, Lookup>>();
  const tags = new Map<number, TagView[]>();
  for (const l of lookups) {
    if (l.kind === 'tag') {
      if (l.owner === null) continue;
      const list = tags.get(l.owner);
      const tag = { id: l.id, name: l.name, slug: l.a ?? '', color: l.b ?? '' };
      if (list) list.push(tag);
      else tags.set(l.owner, [tag]);
    } else {
      let ids = byKind.get(l.kind);
      if (!ids) byKind.set(l.kind, (ids = new Map<number, Lookup>()));
      ids.set(l.id, l);
    }
  }
  const get = (k: LookupKind, id: number | null) => (id === null ? undefined : byKind.get(k)?.get(id));
  return rows.map((row) => {
    const customer = get('customer', row.customer_id);
    const priority = get('priority', row.priority_id);
    const category = get('category', row.category_id);
    const assignee = get('assignee', row.assigned_to_id);
    const team = get('team', row.team_id);
    const sla = get('sla', row.sla_id);
    return {
      id: row.id,
      row,
      names: {
        customer: customer && { name: customer.name, email: customer.a ?? '' },
        priority: priority && { code: priority.a ?? '', name: priority.name, color: priority.b ?? '' },
        category: category && { name: category.name, slug: category.a ?? '' },
        assignee: assignee && { name: assignee.name, email: assignee.a ?? '' },
        team: team && { name: team.name },
        sla: sla && { name: sla.name },
      },
      tags: tags.get(row.id) ?? [],
    };
  });
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

/**
 * Staff only: the delivery status of the messages that went out by mail (outbound_emails.message_row_id),
 * the newest mail per message.
 */
export async function mailDeliveriesOf(tx: Tx, workspaceId: number, ticketId: number) {
  const rows = await tx
    .selectFrom('outbound_emails')
    .select([
      'id',
      'message_row_id',
      'status',
      'to_address',
      'sent_at',
      'last_error',
      'needs_review',
      'bounced_at',
      'bounce_reason',
    ])
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .where('message_row_id', 'is not', null)
    .orderBy('id')
    .execute();
  const byMessage = new Map<number, MailDelivery>();
  for (const r of rows) {
    byMessage.set(r.message_row_id ?? 0, {
      email_id: r.id,
      status: r.status,
      to: r.to_address,
      sent_at: r.sent_at,
      last_error: r.last_error,
      needs_review: r.needs_review,
      bounced_at: r.bounced_at,
      bounce_reason: r.bounce_reason,
    });
  }
  return byMessage;
}

export interface MailDelivery {
  email_id: number;
  status: OutboundEmailStatus;
  to: string;
  sent_at: Date | null;
  last_error: string;
  needs_review: boolean;
  bounced_at: Date | null;
  bounce_reason: string;
}
