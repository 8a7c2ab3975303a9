/**
 * The category tree of a workspace, in memory (a knowledge base has tens of categories, not thousands):
 * which categories the public sees — active, and every ancestor active — and the sub-tree of one.
 */

export interface CategoryNode {
  id: number;
  parent_id: number | null;
  is_active: boolean;
}

function childrenOf<C extends CategoryNode>(categories: readonly C[]): Map<number | null, C[]> {
  const children = new Map<number | null, C[]>();
  for (const c of categories) {
    const list = children.get(c.parent_id) ?? [];
    list.push(c);
    children.set(c.parent_id, list);
  }
  return children;
}

/** Ids of the categories the public sees: active ones whose ancestors are all active. */
export function visibleCategoryIds(categories: readonly CategoryNode[]): Set<number> {
  const children = childrenOf(categories);
  const visible = new Set<number>();
  const stack = [...(children.get(null) ?? [])];
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (!c.is_active || visible.has(c.id)) continue;
    visible.add(c.id);
    stack.push(...(children.get(c.id) ?? []));
  }
  return visible;
}

/** The id of a category and of all its descendants. */
export function subtreeIds(categories: readonly CategoryNode[], rootId: number): Set<number> {
  const children = childrenOf(categories);
  const ids = new Set<number>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (ids.has(id)) continue;
    ids.add(id);
    stack.push(...(children.get(id) ?? []).map((c) => c.id));
  }
  return ids;
}

/** True when making `parentId` the parent of `id` would put `id` under itself. */
export function wouldCycle(categories: readonly CategoryNode[], id: number, parentId: number): boolean {
  return subtreeIds(categories, id).has(parentId);
}

/** The ancestors of a category, root first, ending with the category itself. */
export function pathTo<C extends CategoryNode>(categories: readonly C[], id: number): C[] {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const path: C[] = [];
  let current = byId.get(id);
  while (current && !path.includes(current)) {
    path.unshift(current);
    current = current.parent_id === null ? undefined : byId.get(current.parent_id);
  }
  return path;
}
