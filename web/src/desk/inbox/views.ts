/**
 * The inbox's views and filters live in the URL (?view=breaching&priority=high&q=…), so every inbox
 * state is a deep link and back/forward walk through them. A view is a preset of API filters that the
 * explicit filters refine.
 */
import type { InboxQuery } from '../../api/types';

export const VIEWS = ['mine', 'unassigned', 'teams', 'breaching', 'pending', 'all'] as const;
export type View = (typeof VIEWS)[number];

const ACTIVE = 'new,open,pending,on_hold';

/** The API query of a view. "My teams" is every team the agent belongs to (the API's `team=mine`). */
export function viewQuery(view: View): InboxQuery {
  switch (view) {
    case 'mine':
      return { assigned_to: 'me', status: ACTIVE, sort: 'updated_at' };
    case 'unassigned':
      return { assigned_to: 'none', status: ACTIVE, sort: 'created_at' };
    case 'teams':
      return { status: ACTIVE, sort: 'updated_at', team: 'mine' };
    case 'breaching':
      // Not yet breached, the soonest resolution deadline first.
      return { status: 'new,open', breached: false, sort: 'resolution_due_at' };
    case 'pending':
      return { status: 'pending', sort: 'updated_at' };
    case 'all':
      return { sort: 'created_at' };
  }
}

/** The filters an agent can set by hand, as URL parameter names (the API's). */
export const FILTERS = [
  'status',
  'priority',
  'category',
  'team',
  'assigned_to',
  'tag',
  'channel',
  'breached',
] as const;
export type Filter = (typeof FILTERS)[number];

export const SORTS = [
  'created_at',
  '-created_at',
  'updated_at',
  'response_due_at',
  'resolution_due_at',
] as const;

export function isView(value: string | null): value is View {
  return VIEWS.includes(value as View);
}

/** The API query for the inbox URL's search parameters. */
export function inboxQuery(params: URLSearchParams): InboxQuery {
  const view = params.get('view');
  const query: InboxQuery = { ...viewQuery(isView(view) ? view : 'mine') };
  for (const filter of FILTERS) {
    const value = params.get(filter);
    if (!value) continue;
    if (filter === 'team') query.team = value === 'mine' ? 'mine' : Number(value);
    else if (filter === 'breached') query.breached = value === 'true';
    else query[filter] = value;
  }
  const sort = params.get('sort');
  if (sort && (SORTS as readonly string[]).includes(sort)) query.sort = sort;
  const q = params.get('q')?.trim();
  if (q) query.q = q;
  return query;
}
