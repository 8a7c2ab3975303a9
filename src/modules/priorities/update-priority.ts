/** Updates a ticket priority (PATCH: omitted = unchanged). The code is immutable. */
import type { Updateable } from 'kysely';
import type { TicketPrioritiesTable, TicketPriority } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { invalid, notFound } from '../../platform/errors.js';
import { findPriorityByRef } from '../tickets/index.js';
import type { PriorityInput } from './create-priority.js';
import * as repo from './repository.js';

/** Applies the changes and returns the row (404 for unknown or another workspace's ids). */
export async function updatePriority(
  ctx: { tx: Tx; workspaceId: number },
  ref: string,
  input: PriorityInput,
): Promise<TicketPriority> {
  const { tx, workspaceId } = ctx;
  const priority = await findPriorityByRef(tx, workspaceId, ref);
  if (!priority) throw notFound('priority');
  const values: Updateable<TicketPrioritiesTable> = {};
  if (input.name !== undefined) {
    values.name = input.name.trim();
    if (!values.name) throw invalid('name', 'must not be blank');
  }
  if (input.description !== undefined) values.description = input.description;
  if (input.response_hours !== undefined) values.response_hours = input.response_hours;
  if (input.resolution_hours !== undefined) values.resolution_hours = input.resolution_hours;
  if (input.color !== undefined) values.color = input.color.toLowerCase();
  if (input.order !== undefined) values.order = input.order;
  if (input.is_active !== undefined) values.is_active = input.is_active;
  return repo.updatePriorityRow(tx, workspaceId, priority.id, values);
}
