/**
 * Which mailbox a recipient address belongs to: the mailbox's own address, or its reply address
 * `<local>+<token>@<domain>`. Mailbox addresses are unique across the installation, so the recipient
 * names the workspace too; the lookup runs before any workspace is known (asSystem).
 */
import type { Database } from '../../../db/client.js';
import { asSystemStatement } from '../../../db/tenant.js';

export interface RecipientMailbox {
  mailboxId: number;
  workspaceId: number;
  /** The mailbox's address (lower-case). */
  address: string;
  /** The reply token of a sub-address, else null. */
  token: string | null;
}

/** Splits `local+tag@domain` (lower-cased) into the base address and the tag. */
export function splitAddress(address: string): { base: string; tag: string | null } {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at <= 0) return { base: lower, tag: null };
  const local = lower.slice(0, at);
  const plus = local.indexOf('+');
  if (plus === -1) return { base: lower, tag: null };
  return { base: `${local.slice(0, plus)}${lower.slice(at)}`, tag: local.slice(plus + 1) || null };
}

/** The active mailbox that takes mail for this address by SMTP, or null (550 at RCPT). */
export async function findRecipientMailbox(db: Database, address: string): Promise<RecipientMailbox | null> {
  const { base, tag } = splitAddress(address);
  const row = await asSystemStatement(db)
    .selectFrom('mailboxes')
    .select(['id', 'workspace_id', 'address'])
    .where('address', '=', base)
    .where('is_active', '=', true)
    .where('smtp_inbound', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  return { mailboxId: row.id, workspaceId: row.workspace_id, address: row.address, token: tag };
}
