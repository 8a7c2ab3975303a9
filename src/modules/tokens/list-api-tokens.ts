import type { ApiToken } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { pageOf, type Cursor, type Page } from '../../platform/pagination.js';

export type ApiTokenSummary = Pick<
  ApiToken,
  'id' | 'name' | 'token_prefix' | 'created_at' | 'last_used_at' | 'expires_at' | 'revoked_at'
>;

/** The user's own tokens in the workspace, newest first, a keyset page at a time. Secrets never leave. */
export async function listApiTokens(
  tx: Tx,
  input: { workspaceId: number; userId: number; limit: number; cursor: Cursor | null },
): Promise<Page<ApiTokenSummary>> {
  let query = tx
    .selectFrom('api_tokens')
    .select(['id', 'name', 'token_prefix', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
    .where('workspace_id', '=', input.workspaceId)
    .where('user_id', '=', input.userId);
  // Sorted by id alone (newest first), so the cursor's id is all that is needed.
  if (input.cursor) query = query.where('id', '<', input.cursor.id);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return pageOf(
    rows,
    input.limit,
    (row) => row.id,
    (row) => row,
  );
}
