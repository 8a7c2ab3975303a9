/** Tag row → API shape. */
import type { TicketTag } from '../../db/schema.js';

/** The API shape of one tag. */
export function presentTag(t: TicketTag) {
  return { id: t.id, name: t.name, slug: t.slug, color: t.color };
}

export type TagView = ReturnType<typeof presentTag>;
