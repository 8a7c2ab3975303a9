/** Saved view row → API shape. */
import type { SavedView } from './repository.js';

export function presentView(v: SavedView) {
  return {
    id: v.id,
    name: v.name,
    query: v.query,
    created_at: v.created_at.toISOString(),
    updated_at: v.updated_at.toISOString(),
  };
}
export type SavedViewView = ReturnType<typeof presentView>;
