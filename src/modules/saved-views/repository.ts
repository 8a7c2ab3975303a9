/** SQL of saved views; every call names the workspace and the agent (the views are theirs alone). */
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { SavedViewsTable } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';

export type SavedView = Selectable<SavedViewsTable>;

export interface Owner {
  workspaceId: number;
  userId: number;
}

export function listViews(tx: Tx, owner: Owner): Promise<SavedView[]> {
  return tx
    .selectFrom('saved_views')
    .selectAll()
    .where('workspace_id', '=', owner.workspaceId)
    .where('user_id', '=', owner.userId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function countViews(tx: Tx, owner: Owner): Promise<number> {
  const row = await tx
    .selectFrom('saved_views')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', owner.workspaceId)
    .where('user_id', '=', owner.userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Inserts the view, or replaces the query of the agent's view of that name. */
export function upsertView(
  tx: Tx,
  owner: Owner,
  view: { name: string; query: string },
  now: Date,
  replace: boolean,
): Promise<SavedView | undefined> {
  const insert = tx.insertInto('saved_views').values({
    workspace_id: owner.workspaceId,
    user_id: owner.userId,
    name: view.name,
    query: view.query,
    created_at: now,
    updated_at: now,
  });
  return insert
    .onConflict((oc) => {
      const target = oc.columns(['workspace_id', 'user_id', 'name']);
      return replace
        ? target.doUpdateSet({ query: sql<string>`excluded.query`, updated_at: now })
        : target.doNothing();
    })
    .returningAll()
    .executeTakeFirst();
}

export async function deleteView(tx: Tx, owner: Owner, id: number): Promise<boolean> {
  const r = await tx
    .deleteFrom('saved_views')
    .where('workspace_id', '=', owner.workspaceId)
    .where('user_id', '=', owner.userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}
