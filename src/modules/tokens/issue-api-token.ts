import type { Tx } from '../../db/tenant.js';
import { createApiToken, type CreatedApiToken } from './create-api-token.js';

export const MAX_TOKEN_LIFETIME_DAYS = 3650;

export interface IssuedApiToken extends CreatedApiToken {
  expires_at: Date | null;
}

/**
 * A staff member issues a bearer token for themself in the workspace, optionally expiring after a number
 * of days. The secret is in the result once and never again.
 */
export async function issueApiToken(
  tx: Tx,
  input: { workspaceId: number; userId: number; name: string; expiresInDays: number | null; now: Date },
): Promise<IssuedApiToken> {
  const expiresAt =
    input.expiresInDays === null ? null : new Date(input.now.getTime() + input.expiresInDays * 86_400_000);
  const created = await createApiToken(tx, {
    workspaceId: input.workspaceId,
    userId: input.userId,
    name: input.name,
    expiresAt,
  });
  return { ...created, expires_at: expiresAt };
}
