/** Knowledge-base category rows → API shapes: the admin view, and the public tree. */
import type { KbCategoryRow } from './category-repository.js';

/** One category as staff see it. */
export function presentKbCategory(r: KbCategoryRow, parent: KbCategoryRow | undefined) {
  return {
    id: r.id,
    name: r.name,
    slug: r.slug,
    description: r.description,
    language: r.language,
    parent: parent ? { id: parent.id, name: parent.name, slug: parent.slug } : null,
    icon: r.icon,
    order: r.order,
    is_active: r.is_active,
  };
}

export type KbCategoryView = ReturnType<typeof presentKbCategory>;

export interface PublicCategoryNode {
  id: number;
  name: string;
  slug: string;
  description: string;
  icon: string;
  order: number;
  /** Published articles in this category itself. */
  article_count: number;
  children: PublicCategoryNode[];
}

/** Nests visible categories under their parents, in (order, id) order. */
export function presentCategoryTree(
  categories: readonly KbCategoryRow[],
  counts: ReadonlyMap<number, number>,
): PublicCategoryNode[] {
  const nodes = new Map<number, PublicCategoryNode>();
  for (const c of categories) {
    nodes.set(c.id, {
      id: c.id,
      name: c.name,
      slug: c.slug,
      description: c.description,
      icon: c.icon,
      order: c.order,
      article_count: counts.get(c.id) ?? 0,
      children: [],
    });
  }
  const roots: PublicCategoryNode[] = [];
  for (const c of categories) {
    const node = nodes.get(c.id)!;
    const parent = c.parent_id === null ? undefined : nodes.get(c.parent_id);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
