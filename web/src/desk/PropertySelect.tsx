/**
 * One select for a ticket property — priority, category, team or assignee — with the workspace's
 * options, used by the ticket page (TicketProperties) and the new-ticket form (NewTicketScene). The
 * value is what the API takes: a priority code, a category slug, a team or user id ('' for none).
 */
import { forwardRef, type SelectHTMLAttributes } from 'react';
import { useAgents, useCategories, usePriorities, useTeams } from '../api/queries';

export type PropertyKind = 'priority' | 'category' | 'team' | 'assignee';

interface Option {
  value: string;
  label: string;
}

/** The options of one kind (the four lists are shared queries, cached for minutes, read once per page). */
function useOptions(kind: PropertyKind): Option[] {
  const priorities = usePriorities();
  const categories = useCategories();
  const teams = useTeams();
  const { agents } = useAgents();
  switch (kind) {
    case 'priority':
      return (priorities.data?.results ?? []).map((p) => ({ value: p.code ?? '', label: p.name ?? '' }));
    case 'category':
      return (categories.data?.results ?? []).map((c) => ({ value: c.slug ?? '', label: c.name ?? '' }));
    case 'team':
      return (teams.data?.results ?? []).map((x) => ({ value: String(x.id), label: x.name ?? '' }));
    case 'assignee':
      return agents.map((a) => ({ value: String(a.id), label: a.name }));
  }
}

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children'> & {
  kind: PropertyKind;
  /** The label of the empty choice ('' value); none when the property cannot be empty. */
  none?: string;
  /** The current value when it is not among the options (e.g. an assignee outside every team). */
  current?: Option | null;
};

export const PropertySelect = forwardRef<HTMLSelectElement, Props>(function PropertySelect(
  { kind, none, current, ...select },
  ref,
) {
  const options = useOptions(kind);
  const extra = current && !options.some((o) => o.value === current.value) ? [current] : [];
  return (
    <select ref={ref} {...select}>
      {none !== undefined && <option value="">{none}</option>}
      {[...extra, ...options].map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
});
