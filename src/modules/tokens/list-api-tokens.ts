import type { ApiToken } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';

export type ApiTokenSummary = Pick<
  ApiToken,
  'id' | 'name' | 'token_prefix' | 'created_at' | 'last_used_at' | 'expires_at' | 'revoked_at'
>;

export interface ApiTokenPage {
  results: ApiTokenSummary[];
  /** The id to continue after, or null on the last page. */
  nextCursor: number | null;
}

/** The user's own tokens in the workspace, newest first, a keyset page at a time. Secrets never leave. */
export async function listApiTokens(
  tx: Tx,
  input: { workspaceId: number; userId: number; limit: number; after: number | null },
): Promise<ApiTokenPage> {
  let query = tx
    .selectFrom('api_tokens')
    .select(['id', 'name', 'token_prefix', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
    .where('workspace_id', '=', input.workspaceId)
    .where('user_id', '=', input.userId);
  if (input.after !== null) query = query.where('id', '<', input.after);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const results = rows.slice(0, input.limit);
  const last = results.at(-1);
  return { results, nextCursor: rows.length > input.limit && last ? last.id : null };
}
