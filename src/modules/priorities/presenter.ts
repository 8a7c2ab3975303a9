/** Priority row → API shape. */
import type { TicketPriority } from '../../db/schema.js';

/** The API shape of one priority; `defaultCode` is the workspace's default priority code. */
export function presentPriority(p: TicketPriority, defaultCode: string) {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    description: p.description,
    response_hours: p.response_hours,
    resolution_hours: p.resolution_hours,
    color: p.color,
    order: p.order,
    is_active: p.is_active,
    is_default: p.code === defaultCode,
  };
}

export type PriorityView = ReturnType<typeof presentPriority>;
