import type { Tx } from '../../db/tenant.js';
import { hashToken, newToken } from '../../platform/auth/secrets.js';
import { notFound } from '../../platform/errors.js';

export const TOKEN_PREFIX = 'bfg2_';

export interface CreatedApiToken {
  id: number;
  /** The token itself: shown once, never stored. */
  token: string;
  token_prefix: string;
  name: string;
  created_at: Date;
}

/** Issues a bearer token for a member of the workspace; only its SHA-256 is stored. */
export async function createApiToken(
  tx: Tx,
  input: { workspaceId: number; userId: number; name?: string; expiresAt?: Date | null },
): Promise<CreatedApiToken> {
  const member = await tx
    .selectFrom('workspace_memberships')
    .select('user_id')
    .where('workspace_id', '=', input.workspaceId)
    .where('user_id', '=', input.userId)
    .executeTakeFirst();
  if (!member) throw notFound('user');
  const token = newToken(TOKEN_PREFIX);
  const row = await tx
    .insertInto('api_tokens')
    .values({
      workspace_id: input.workspaceId,
      user_id: input.userId,
      name: input.name?.trim() ?? '',
      token_hash: hashToken(token),
      token_prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      expires_at: input.expiresAt ?? null,
    })
    .returning(['id', 'token_prefix', 'name', 'created_at'])
    .executeTakeFirstOrThrow();
  return { ...row, token };
}
