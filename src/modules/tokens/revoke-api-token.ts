import type { Tx } from '../../db/tenant.js';
import type { StaffPrincipal } from '../../platform/auth/principal.js';
import { notFound } from '../../platform/errors.js';

export interface RevokeApiTokenInput {
  workspaceId: number;
  actor: StaffPrincipal;
  tokenId: number;
  now: Date;
}

/**
 * Revokes a bearer token of the workspace: one's own, or anyone's for an admin. A token the actor may
 * not touch answers 404 like a missing one, so token ids of colleagues or other workspaces reveal
 * nothing. Revoking twice is harmless and keeps the first revoked_at.
 */
export async function revokeApiToken(
  tx: Tx,
  { workspaceId, actor, tokenId, now }: RevokeApiTokenInput,
): Promise<void> {
  const token = await tx
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'revoked_at'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', tokenId)
    .executeTakeFirst();
  if (!token || (token.user_id !== actor.userId && actor.role !== 'admin')) throw notFound('api token');
  if (token.revoked_at) return;
  await tx
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', token.id)
    .where('revoked_at', 'is', null)
    .execute();
}
