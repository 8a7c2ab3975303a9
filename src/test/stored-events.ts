/**
 * Committed domain_events rows as the dispatcher hands them to subscribers (StoredEvent), so subscriber
 * tests run on the real events their flows record.
 */
import type { Database } from '../db/client.js';
import { asSystem } from '../db/tenant.js';
import type { StoredEvent } from '../platform/events/subscriber.js';

/** The workspace's events after `afterId`, in id order, optionally of some types only. */
export async function storedEvents(
  db: Database,
  workspaceId: number,
  options: { afterId?: number; types?: readonly string[] } = {},
): Promise<StoredEvent[]> {
  const rows = await asSystem(db, (tx) => {
    let query = tx
      .selectFrom('domain_events')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '>', options.afterId ?? 0);
    if (options.types) query = query.where('type', 'in', options.types);
    return query.orderBy('id').execute();
  });
  return rows.map((r) => ({
    id: r.id,
    workspaceId: r.workspace_id,
    type: r.type,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    actorUserId: r.actor_user_id,
    actorCustomerId: r.actor_customer_id,
    payload: r.payload,
    createdAt: r.created_at,
  }));
}

/** The id of the workspace's newest event (0 for none): a mark to read events after. */
export async function lastEventId(db: Database, workspaceId: number): Promise<number> {
  const row = await asSystem(db, (tx) =>
    tx
      .selectFrom('domain_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst(),
  );
  return Number(row?.id ?? 0);
}
