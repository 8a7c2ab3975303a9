/**
 * One-time links that set a password (migration 0024): a staff invitation or a reset for a staff member
 * or a customer. The browser gets the token; the database keeps its SHA-256. Issuing a link spends the
 * person's older unused ones, so only the newest link in the inbox works.
 */
import type { Tx } from '../../db/tenant.js';
import { hashToken, newToken } from '../../platform/auth/secrets.js';
import type { WorkspaceRef } from '../../platform/auth/principal.js';

export type PasswordHolder = { userId: number } | { customerId: number };
export type PasswordPurpose = 'invite' | 'reset';

/** A reset link lives an hour; an invitation a week (people take days to accept). */
export const PASSWORD_LINK_TTL_MINUTES: Record<PasswordPurpose, number> = {
  reset: 60,
  invite: 7 * 24 * 60,
};

/** The SPA page that reads the token and asks for the new password. */
export function passwordLinkUrl(
  publicUrl: string,
  workspace: Pick<WorkspaceRef, 'slug'>,
  holder: PasswordHolder,
  token: string,
): string {
  const page = 'customerId' in holder ? '/portal/password/reset' : '/account/password';
  return `${publicUrl}${page}?${new URLSearchParams({ token, workspace: workspace.slug }).toString()}`;
}

const holderColumns = (holder: PasswordHolder) =>
  'userId' in holder
    ? { user_id: holder.userId, customer_id: null }
    : { user_id: null, customer_id: holder.customerId };

/** Creates a link for the holder in the transaction's workspace and spends their older ones. */
export async function issuePasswordToken(
  tx: Tx,
  input: { workspaceId: number; holder: PasswordHolder; purpose: PasswordPurpose; now: Date },
): Promise<string> {
  const token = newToken();
  const cols = holderColumns(input.holder);
  await tx
    .updateTable('password_tokens')
    .set({ used_at: input.now })
    .where('workspace_id', '=', input.workspaceId)
    .where('used_at', 'is', null)
    .where((eb) =>
      cols.user_id !== null ? eb('user_id', '=', cols.user_id) : eb('customer_id', '=', cols.customer_id),
    )
    .execute();
  await tx
    .insertInto('password_tokens')
    .values({
      workspace_id: input.workspaceId,
      ...cols,
      purpose: input.purpose,
      token_hash: hashToken(token),
      created_at: input.now,
      expires_at: new Date(input.now.getTime() + PASSWORD_LINK_TTL_MINUTES[input.purpose] * 60_000),
    })
    .execute();
  return token;
}

/**
 * Spends a live, unused link and returns whose it is. One conditional UPDATE, so a link works exactly
 * once even when submitted twice at the same moment.
 */
export async function usePasswordToken(
  tx: Tx,
  workspaceId: number,
  token: string,
  now: Date,
): Promise<{ holder: PasswordHolder; purpose: PasswordPurpose } | undefined> {
  const row = await tx
    .updateTable('password_tokens')
    .set({ used_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id', 'customer_id', 'purpose'])
    .executeTakeFirst();
  if (!row) return undefined;
  const holder: PasswordHolder =
    row.user_id !== null ? { userId: row.user_id } : { customerId: Number(row.customer_id) };
  return { holder, purpose: row.purpose };
}
