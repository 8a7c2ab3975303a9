/**
 * The category tree of the admin console as pure functions: build it from the flat list, and turn a
 * move (drag and drop, or the keyboard's up / down / indent / outdent) into the fewest PATCHes of
 * `parent` and `order` that produce it. Orders are renumbered 10, 20, 30… among the new siblings.
 */
export interface FlatCategory {
  id: number;
  parent: number | null;
  order: number;
}

export interface TreeNode<T extends FlatCategory> {
  item: T;
  children: TreeNode<T>[];
}

const byOrder = <T extends FlatCategory>(a: T, b: T) => a.order - b.order || a.id - b.id;

/** The forest of `items` (orphans of a missing parent become roots), siblings in display order. */
export function buildTree<T extends FlatCategory>(items: readonly T[]): TreeNode<T>[] {
  const ids = new Set(items.map((i) => i.id));
  const childrenOf = (parent: number | null): TreeNode<T>[] =>
    items
      .filter((i) => (i.parent !== null && ids.has(i.parent) ? i.parent : null) === parent)
      .sort(byOrder)
      .map((item) => ({ item, children: childrenOf(item.id) }));
  return childrenOf(null);
}

/** Whether `id` is `ancestor` or lies below it (a category cannot move into its own subtree). */
export function isWithin(items: readonly FlatCategory[], id: number, ancestor: number): boolean {
  let current: number | null = id;
  const seen = new Set<number>();
  while (current !== null && !seen.has(current)) {
    if (current === ancestor) return true;
    seen.add(current);
    current = items.find((i) => i.id === current)?.parent ?? null;
  }
  return false;
}

export type Move =
  | { kind: 'before'; target: number }
  | { kind: 'into'; target: number }
  | { kind: 'up' }
  | { kind: 'down' }
  | { kind: 'indent' }
  | { kind: 'outdent' };

export interface Patch {
  id: number;
  parent?: number | null;
  order?: number;
}

const siblingsOf = (items: readonly FlatCategory[], parent: number | null, without: number) =>
  items.filter((i) => i.parent === parent && i.id !== without).sort(byOrder);

/** Where `id` lands: its new parent and index among the new siblings; null when the move is impossible. */
function destination(
  items: readonly FlatCategory[],
  id: number,
  move: Move,
): { parent: number | null; index: number } | null {
  const self = items.find((i) => i.id === id);
  if (!self) return null;
  const siblings = siblingsOf(items, self.parent, -1);
  const at = siblings.findIndex((s) => s.id === id);
  switch (move.kind) {
    case 'up':
      return at > 0 ? { parent: self.parent, index: at - 1 } : null;
    case 'down':
      return at < siblings.length - 1 ? { parent: self.parent, index: at + 1 } : null;
    case 'indent': {
      const previous = siblings[at - 1];
      if (!previous) return null;
      return { parent: previous.id, index: siblingsOf(items, previous.id, id).length };
    }
    case 'outdent': {
      if (self.parent === null) return null;
      const parent = items.find((i) => i.id === self.parent);
      const outer = siblingsOf(items, parent?.parent ?? null, id);
      return { parent: parent?.parent ?? null, index: outer.findIndex((s) => s.id === self.parent) + 1 };
    }
    case 'before': {
      const target = items.find((i) => i.id === move.target);
      if (!target || move.target === id || isWithin(items, target.id, id)) return null;
      const next = siblingsOf(items, target.parent, id);
      return { parent: target.parent, index: next.findIndex((s) => s.id === target.id) };
    }
    case 'into': {
      if (move.target === id || isWithin(items, move.target, id)) return null;
      return { parent: move.target, index: siblingsOf(items, move.target, id).length };
    }
  }
}

/** The PATCHes that perform `move` (empty when it is impossible or changes nothing). */
export function planMove(items: readonly FlatCategory[], id: number, move: Move): Patch[] {
  const self = items.find((i) => i.id === id);
  const to = destination(items, id, move);
  if (!self || !to) return [];
  const siblings = siblingsOf(items, to.parent, id);
  siblings.splice(to.index, 0, self);
  const patches: Patch[] = [];
  siblings.forEach((s, index) => {
    const order = (index + 1) * 10;
    const patch: Patch = { id: s.id };
    if (s.id === id && self.parent !== to.parent) patch.parent = to.parent;
    if (s.order !== order) patch.order = order;
    if (patch.parent !== undefined || patch.order !== undefined) patches.push(patch);
  });
  return patches;
}
