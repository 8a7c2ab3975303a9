/** The ticket change log: field, old value, new value, who and when — written in the change's transaction. */
import type { Tx } from '../../db/tenant.js';
import type { Actor } from '../../platform/events.js';

export interface FieldChange {
  field: string;
  old: string | number | boolean | Date | null;
  new: string | number | boolean | Date | null;
}

function text(v: FieldChange['old']): string | null {
  if (v === null) return null;
  return v instanceof Date ? v.toISOString() : String(v);
}

/** Records the changes whose value really changed; returns those. */
export async function recordHistory(
  tx: Tx,
  ticket: { workspace_id: number; id: number },
  changes: FieldChange[],
  actor: Actor,
  at: Date,
): Promise<FieldChange[]> {
  const real = changes.filter((c) => text(c.old) !== text(c.new));
  if (real.length === 0) return real;
  await tx
    .insertInto('ticket_history')
    .values(
      real.map((c) => ({
        workspace_id: ticket.workspace_id,
        ticket_id: ticket.id,
        field: c.field,
        old_value: text(c.old),
        new_value: text(c.new),
        actor_user_id: actor.userId ?? null,
        actor_customer_id: actor.customerId ?? null,
        created_at: at,
      })),
    )
    .execute();
  return real;
}

/** Changes as an event payload: dates as ISO strings. */
export function presentChanges(changes: FieldChange[]) {
  return changes.map((c) => ({
    field: c.field,
    old: c.old instanceof Date ? c.old.toISOString() : c.old,
    new: c.new instanceof Date ? c.new.toISOString() : c.new,
  }));
}
