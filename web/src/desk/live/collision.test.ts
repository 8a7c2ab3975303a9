import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { collisionOf } from './collision';

const conflict = (members: Record<string, unknown>) =>
  new ApiError({ status: 409, code: 'CONFLICT', title: 'Conflict', detail: 'x', members });

describe('collisionOf', () => {
  it('reads the newer messages and changes of a 409 collision', () => {
    const c = collisionOf(
      conflict({
        version: 7,
        based_on: 5,
        messages: [
          {
            id: 3,
            is_internal: false,
            sender_name: 'Dana',
            excerpt: 'Sent a new one',
            created_at: '2026-12-06T10:00:00Z',
          },
        ],
        changes: [
          {
            field: 'status',
            old: 'open',
            new: 'pending',
            actor: { user_id: 2, name: 'Sam' },
            created_at: '2026-12-06T10:01:00Z',
          },
          {
            field: 'tags',
            old: [],
            new: ['vip', 'late'],
            actor: { customer_id: 1, name: 'Cy' },
            created_at: '',
          },
          { field: 'first_response_at', old: null, new: '2026-12-06T10:00:00Z', actor: { user_id: 2 } },
        ],
      }),
    );
    expect(c?.version).toBe(7);
    expect(c?.messages).toEqual([
      { id: 3, isInternal: false, sender: 'Dana', excerpt: 'Sent a new one', at: '2026-12-06T10:00:00Z' },
    ]);
    expect(c?.changes.map((x) => `${x.by}: ${x.field} ${x.from} → ${x.to}`)).toEqual([
      'Sam: status open → pending',
      'Cy: tags  → vip, late',
    ]);
  });

  it('is null for any other error', () => {
    expect(collisionOf(new Error('x'))).toBeNull();
    expect(
      collisionOf(new ApiError({ status: 409, code: 'ALREADY_EXISTS', title: '', detail: '', members: {} })),
    ).toBeNull();
    expect(collisionOf(conflict({}))).toBeNull();
  });
});
