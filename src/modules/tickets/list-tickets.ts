/**
 * The ticket lists (customer portal, staff and admin) with keyset pagination. Every filter and sort
 * offered here has an index that starts with workspace_id (see the migrations). The page is chosen from
 * support_tickets alone; the names and tags of its rows are read after, by id (see namedTickets).
 */
import { sql } from 'kysely';
import type { TicketChannel, TicketStatus } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import { invalid } from '../../platform/errors.js';
import type { TicketActor } from './actor.js';
import { presentTicket, type TicketView } from './presenter.js';
import { namedTickets, ticketRowsQuery, type TicketRowsQuery } from './queries.js';
import { rankedTicketIds, ticketSearchCondition } from './search.js';
import type { TicketWorkspace } from './view.js';

export const TICKET_SORTS = [
  'created_at',
  'updated_at',
  'response_due_at',
  'resolution_due_at',
  'relevance',
] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

export interface TicketFilters {
  status?: TicketStatus[];
  priority?: number[];
  category?: number[];
  team?: number;
  /** Any of these teams ("my teams"); an empty list matches nothing. */
  teams?: number[];
  /** A user id, or null for unassigned tickets. */
  assigned_to?: number | null;
  tag?: number;
  channel?: TicketChannel[];
  customer?: number;
  breached?: boolean;
  order?: string;
  consignment?: string;
  /** Full text, ticket-number or customer-email prefix; see search.ts. */
  q?: string;
}

export interface ListOptions {
  filters: TicketFilters;
  /**
   * `created_at` sorts newest first; `-created_at` oldest first; due dates soonest first, unset last;
   * `relevance` (with q) best match first by BM25 (newest first without q).
   */
  sort: TicketSort;
  descending: boolean;
  limit: number;
  cursor?: string;
}

export async function listTickets(
  tx: Tx,
  ws: TicketWorkspace,
  actor: TicketActor,
  options: ListOptions,
): Promise<Page<TicketView>> {
  const { descending, limit } = options;
  const text = options.filters.q?.trim();
  if (options.sort === 'relevance' && text) {
    return listByRelevance(tx, ws, actor, { ...options, filters: { ...options.filters, q: text } });
  }
  const sort = options.sort === 'relevance' ? 'created_at' : options.sort;
  let { q } = await filtered(tx, ticketRowsQuery(tx, ws.id), ws.id, actor, options.filters);

  // Due dates: unset sorts last, as 'infinity'; the cursor carries the same value.
  const col = sql.ref(`t.${sort}`);
  const key = sort.endsWith('_due_at') ? sql`coalesce(${col}, 'infinity'::timestamptz)` : col;
  const cursor = decodeCursor(options.cursor);
  if (cursor) {
    if (
      typeof cursor.v !== 'string' ||
      (cursor.v !== 'infinity' && !/^\d{4}-\d\d-\d\d[ T][\d:.]+([+-]\d\d(:?\d\d)?|Z)?$/.test(cursor.v))
    ) {
      throw invalid('cursor', 'does not belong to this sort order');
    }
    const cmp = descending ? sql`<` : sql`>`;
    q = q.where(sql<boolean>`(${key}, t.id) ${cmp} (${cursor.v}::timestamptz, ${cursor.id})`);
  }
  const dir = descending ? sql`DESC` : sql`ASC`;
  // The cursor keeps the database's own text of the key: JS dates would drop the microseconds.
  const rows = await q
    .select(sql<string>`(${key})::text`.as('sort_key'))
    .orderBy(sql`${key} ${dir}`)
    .orderBy(sql`t.id ${dir}`)
    .limit(limit + 1)
    .execute();
  return pageOf(
    // The extra row, there only to say that a next page exists, costs one more id in each lookup.
    await namedTickets(tx, ws.id, rows),
    limit,
    (t) => t.row.sort_key,
    (t) => presentTicket(t, ws, actor),
  );
}

/**
 * The matches of q (at most searchTuning.idCap: see rankedTicketIds) narrowed by the other filters, in
 * the order of their BM25 rank; the cursor carries the rank and id of the last row.
 */
async function listByRelevance(
  tx: Tx,
  ws: TicketWorkspace,
  actor: TicketActor,
  options: ListOptions & { filters: { q: string } },
): Promise<Page<TicketView>> {
  const { descending, limit } = options;
  const ranked = await rankedTicketIds(tx, ws.id, actor, options.filters.q);
  if (!descending) ranked.reverse();
  const cursor = decodeCursor(options.cursor);
  let start = 0;
  if (cursor) {
    const v = typeof cursor.v === 'string' ? Number(cursor.v) : cursor.v;
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw invalid('cursor', 'does not belong to this sort order');
    const after = (r: { rank: number; id: number }) =>
      descending
        ? r.rank < v || (r.rank === v && r.id < cursor.id)
        : r.rank > v || (r.rank === v && r.id > cursor.id);
    start = ranked.findIndex(after);
    if (start < 0) start = ranked.length;
  }
  const rest = ranked.slice(start);
  const rankOf = new Map(rest.map((r) => [r.id, r.rank]));
  const ids = rest.map((r) => r.id);
  const { filters } = options;
  const { q } = await filtered(tx, ticketRowsQuery(tx, ws.id), ws.id, actor, { ...filters, q: undefined });
  // The page from the best ids first: a slice of twice the page, then four times wider slices only when
  // the filters left too few. Reading all (up to 500) ids to keep 26 cost 4-6 ms at 1M tickets.
  const rows: Awaited<ReturnType<typeof q.execute>> = [];
  for (
    let from = 0, size = (limit + 1) * 2;
    from < ids.length && rows.length <= limit;
    from += size, size *= 4
  ) {
    const slice = ids.slice(from, from + size);
    rows.push(
      ...(await q
        .where(sql<boolean>`t.id = ANY(${slice}::bigint[])`)
        .orderBy(sql`array_position(${slice}::bigint[], t.id)`)
        .limit(limit + 1 - rows.length)
        .execute()),
    );
  }
  return pageOf(
    await namedTickets(
      tx,
      ws.id,
      rows.map((r) => ({ ...r, sort_key: String(rankOf.get(Number(r.id)) ?? 0) })),
    ),
    limit,
    (t) => Number(t.row.sort_key),
    (t) => presentTicket(t, ws, actor),
  );
}

/**
 * The tickets the actor may list, narrowed by the filters. Wrapped: a query builder is a thenable that
 * refuses to be awaited, so it cannot be a promise's value.
 */
async function filtered(
  tx: Tx,
  tickets: TicketRowsQuery,
  workspaceId: number,
  actor: TicketActor,
  f: TicketFilters,
): Promise<{ q: TicketRowsQuery }> {
  let q = tickets;
  if (actor.kind === 'customer') q = q.where('t.customer_id', '=', actor.customerId);
  if (actor.kind === 'anonymous') q = q.where(sql<boolean>`false`);
  if (f.status?.length) q = q.where('t.status', 'in', f.status);
  if (f.priority?.length) q = q.where('t.priority_id', 'in', f.priority);
  if (f.category?.length) q = q.where('t.category_id', 'in', f.category);
  if (f.team !== undefined) q = q.where('t.team_id', '=', f.team);
  if (f.teams) q = f.teams.length ? q.where('t.team_id', 'in', f.teams) : q.where(sql<boolean>`false`);
  if (f.assigned_to !== undefined) {
    q =
      f.assigned_to === null
        ? q.where('t.assigned_to_id', 'is', null)
        : q.where('t.assigned_to_id', '=', f.assigned_to);
  }
  if (f.channel?.length) q = q.where('t.channel', 'in', f.channel);
  if (f.customer !== undefined) q = q.where('t.customer_id', '=', f.customer);
  if (f.order !== undefined) q = q.where('t.order_ref', '=', f.order);
  if (f.consignment !== undefined) q = q.where('t.consignment_ref', '=', f.consignment);
  if (f.breached !== undefined) {
    q = f.breached
      ? q.where((eb) => eb.or([eb('t.response_breached', '=', true), eb('t.resolution_breached', '=', true)]))
      : q.where('t.response_breached', '=', false).where('t.resolution_breached', '=', false);
  }
  if (f.q?.trim()) q = q.where((await ticketSearchCondition(tx, workspaceId, actor, f.q)).condition);
  if (f.tag !== undefined) {
    const tag = f.tag;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('support_ticket_tags as st')
          .select('st.ticket_id')
          .where('st.workspace_id', '=', workspaceId)
          .whereRef('st.ticket_id', '=', 't.id')
          .where('st.tag_id', '=', tag),
      ),
    );
  }
  return { q };
}

/**
 * One page of the tickets the actor may list, narrowed by the filters, in id order after `afterId`, with
 * the names they point to: what a streamed export reads, page by page, in short transactions.
 */
export async function ticketExportPage(
  tx: Tx,
  workspaceId: number,
  actor: TicketActor,
  filters: TicketFilters,
  afterId: number,
  limit: number,
) {
  const { q } = await filtered(tx, ticketRowsQuery(tx, workspaceId), workspaceId, actor, filters);
  const rows = await q.where('t.id', '>', afterId).orderBy('t.id').limit(limit).execute();
  return namedTickets(tx, workspaceId, rows);
}
