/** Category row → API shape: related records as id + embedded summary. */
import type { CategoryRow } from './repository.js';

/** The API shape of one category. */
export function presentCategory(r: CategoryRow) {
  return {
    id: r.id,
    name: r.name,
    slug: r.slug,
    description: r.description,
    parent:
      r.parent_id !== null ? { id: r.parent_id, name: r.parent_name ?? '', slug: r.parent_slug ?? '' } : null,
    default_assignee:
      r.default_assignee_id !== null
        ? { id: r.default_assignee_id, name: r.assignee_name ?? '', email: r.assignee_email ?? '' }
        : null,
    default_priority: r.default_priority,
    sla: r.sla_id !== null ? { id: r.sla_id, name: r.sla_name ?? '' } : null,
    team: r.team_id !== null ? { id: r.team_id, name: r.team_name ?? '' } : null,
    icon: r.icon,
    order: r.order,
    is_active: r.is_active,
  };
}

export type CategoryView = ReturnType<typeof presentCategory>;
