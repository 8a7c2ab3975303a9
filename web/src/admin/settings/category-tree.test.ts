import { describe, expect, it } from 'vitest';
import { buildTree, planMove, type FlatCategory } from './category-tree';

// a (b, c (d)), e
const ITEMS: FlatCategory[] = [
  { id: 1, parent: null, order: 10 },
  { id: 2, parent: 1, order: 10 },
  { id: 3, parent: 1, order: 20 },
  { id: 4, parent: 3, order: 10 },
  { id: 5, parent: null, order: 20 },
];

describe('category tree', () => {
  it('builds the forest in order', () => {
    const tree = buildTree(ITEMS);
    expect(tree.map((n) => n.item.id)).toEqual([1, 5]);
    expect(tree[0]?.children.map((n) => n.item.id)).toEqual([2, 3]);
    expect(tree[0]?.children[1]?.children.map((n) => n.item.id)).toEqual([4]);
  });

  it('plans keyboard moves: up, down, indent, outdent', () => {
    expect(planMove(ITEMS, 3, { kind: 'up' })).toEqual([
      { id: 3, order: 10 },
      { id: 2, order: 20 },
    ]);
    expect(planMove(ITEMS, 3, { kind: 'down' })).toEqual([]);
    expect(planMove(ITEMS, 3, { kind: 'indent' })).toEqual([{ id: 3, parent: 2, order: 10 }]);
    expect(planMove(ITEMS, 4, { kind: 'outdent' })).toEqual([{ id: 4, parent: 1, order: 30 }]);
    expect(planMove(ITEMS, 1, { kind: 'outdent' })).toEqual([]);
  });

  it('plans drops before a sibling elsewhere or into a category, never into its own subtree', () => {
    expect(planMove(ITEMS, 5, { kind: 'before', target: 2 })).toEqual([
      { id: 5, parent: 1, order: 10 },
      { id: 2, order: 20 },
      { id: 3, order: 30 },
    ]);
    expect(planMove(ITEMS, 2, { kind: 'into', target: 5 })).toEqual([{ id: 2, parent: 5 }]);
    expect(planMove(ITEMS, 1, { kind: 'into', target: 4 })).toEqual([]);
    expect(planMove(ITEMS, 1, { kind: 'before', target: 3 })).toEqual([]);
  });
});
