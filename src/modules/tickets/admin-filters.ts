/** Turns the admin list's query string (codes, slugs, emails, "me") into ids for listTickets. */
import type { TicketChannel, TicketStatus } from '../../db/schema.js';
import { keyedWorkspace, type Tx } from '../../db/tenant.js';
import { customerIdsWithEmails } from '../customers/index.js';
import { assertWorkspaceMembers, teamExists } from '../workspaces/index.js';
import { invalid } from '../../platform/errors.js';
import type { TicketFilters } from './list-tickets.js';

export interface AdminListQuery {
  status?: string;
  priority?: string;
  category?: string;
  /** A team id, or `mine`: the teams the caller is a member of. */
  team?: number | 'mine';
  assigned_to?: string;
  tag?: string;
  channel?: string;
  customer?: string;
  breached?: boolean;
  order?: string;
  consignment?: string;
  q?: string;
}

const split = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const isId = (v: string) => /^\d{1,15}$/.test(v);

/** `none`, `me` or a member of the workspace (only members can be assigned; anyone else is a 400). */
async function assigneeFilter(
  tx: Tx,
  workspaceId: number,
  userId: number,
  ref: string,
): Promise<number | null> {
  if (ref === 'none') return null;
  if (ref === 'me') return userId;
  if (!isId(ref)) throw invalid('assigned_to', 'is none, me or the id of a member of this workspace');
  await assertWorkspaceMembers(tx, workspaceId, [Number(ref)], 'assigned_to');
  return Number(ref);
}

export async function resolveAdminFilters(
  tx: Tx,
  workspaceId: number,
  userId: number,
  q: AdminListQuery,
): Promise<TicketFilters> {
  const f: TicketFilters = {};
  if (q.status) f.status = split(q.status) as TicketStatus[];
  if (q.channel) f.channel = split(q.channel) as TicketChannel[];
  if (q.team === 'mine') {
    const rows = await tx
      .selectFrom('support_team_members')
      .select('team_id')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .execute();
    f.teams = rows.map((r) => r.team_id);
  } else if (q.team !== undefined) {
    // Checked like every other filter: an unknown id or another workspace's team is a 400.
    if (!(await teamExists(tx, workspaceId, q.team))) throw invalid('team', 'no such team');
    f.team = q.team;
  }
  if (q.breached !== undefined) f.breached = q.breached;
  if (q.order) f.order = q.order.trim();
  if (q.consignment) f.consignment = q.consignment.trim();
  if (q.q?.trim()) f.q = q.q;
  if (q.assigned_to) f.assigned_to = await assigneeFilter(tx, workspaceId, userId, q.assigned_to);
  if (q.priority) {
    const refs = split(q.priority);
    const rows = await tx
      .selectFrom('ticket_priorities')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where((eb) =>
        eb.or([eb('code', 'in', refs), eb('id', 'in', refs.filter(isId).map(Number).concat(-1))]),
      )
      .execute();
    if (rows.length === 0) throw invalid('priority', 'no such priority');
    f.priority = rows.map((r) => r.id);
  }
  if (q.category) {
    const refs = split(q.category);
    const rows = await tx
      .selectFrom('ticket_categories')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where((eb) =>
        eb.or([eb('slug', 'in', refs), eb('id', 'in', refs.filter(isId).map(Number).concat(-1))]),
      )
      .execute();
    if (rows.length === 0) throw invalid('category', 'no such category');
    f.category = rows.map((r) => r.id);
  }
  if (q.tag) {
    const ref = q.tag.trim();
    const tag = await tx
      .selectFrom('ticket_tags')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where((eb) => (isId(ref) ? eb('id', '=', Number(ref)) : eb('slug', '=', ref)))
      .executeTakeFirst();
    if (!tag) throw invalid('tag', 'no such tag');
    f.tag = tag.id;
  }
  if (q.customer) {
    const ref = q.customer.trim();
    const c = await tx
      .selectFrom('customers')
      .select('id')
      .where('workspace_id', '=', keyedWorkspace(workspaceId))
      .where('id', '=', isId(ref) ? Number(ref) : customerIdsWithEmails(workspaceId, [ref.toLowerCase()]))
      .executeTakeFirst();
    if (!c) throw invalid('customer', 'no such customer');
    f.customer = c.id;
  }
  return f;
}
