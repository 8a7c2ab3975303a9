/** Creates a ticket priority; its code is unique per workspace (409). */
import type { TicketPriority } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { AppError, invalid } from '../../platform/errors.js';
import * as repo from './repository.js';

export interface PriorityInput {
  name?: string;
  description?: string;
  response_hours?: number;
  resolution_hours?: number;
  color?: string;
  order?: number;
  is_active?: boolean;
}

/** Creates the priority and returns the row. */
export async function createPriority(
  ctx: { tx: Tx; workspaceId: number },
  input: PriorityInput & { code: string; name: string },
): Promise<TicketPriority> {
  const { tx, workspaceId } = ctx;
  const name = input.name.trim();
  if (!name) throw invalid('name', 'must not be blank');
  if (await repo.codeTaken(tx, workspaceId, input.code)) {
    throw new AppError('ALREADY_EXISTS', `a priority with code "${input.code}" already exists`);
  }
  return repo.insertPriority(tx, {
    workspace_id: workspaceId,
    code: input.code,
    name,
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.response_hours !== undefined ? { response_hours: input.response_hours } : {}),
    ...(input.resolution_hours !== undefined ? { resolution_hours: input.resolution_hours } : {}),
    ...(input.color !== undefined ? { color: input.color.toLowerCase() } : {}),
    ...(input.order !== undefined ? { order: input.order } : {}),
    ...(input.is_active !== undefined ? { is_active: input.is_active } : {}),
  });
}
