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

/** A process's lookup of recipient mailboxes at RCPT, cached (recipientDirectory). */
export interface RecipientDirectory {
  find(address: string): Promise<RecipientMailbox | null>;
  /** Drops every cached answer (a mailbox changed: the `bfg2_mailboxes` notification). */
  forget(): void;
}

type Found = Omit<RecipientMailbox, 'token'> | null;

/** Cached answers at most; past it the cache starts over (a flood of guessed addresses stays bounded). */
const MAX_CACHED = 10_000;

/**
 * findRecipientMailbox with the answers cached per base address, so that RCPT costs no statement for an
 * address asked about lately. forget() (wired to the mailbox change notification) drops them at once; each
 * answer also expires after `ttlMs`, which bounds how long a deleted mailbox is still accepted when a
 * notification is lost (no LISTEN connection, or one missed before a reconnect). An answer read while
 * forget() ran is not kept.
 */
export function recipientDirectory(
  db: Database,
  options: { ttlMs?: number; clock?: () => number } = {},
): RecipientDirectory {
  const ttl = options.ttlMs ?? 10_000;
  const clock = options.clock ?? Date.now;
  let cache = new Map<string, { found: Found; until: number }>();
  let generation = 0;
  return {
    async find(address) {
      const { base, tag } = splitAddress(address);
      const hit = cache.get(base);
      if (hit && hit.until > clock()) return hit.found && { ...hit.found, token: tag };
      const asked = generation;
      const found = await findRecipientMailbox(db, base);
      if (asked === generation) {
        if (cache.size >= MAX_CACHED) cache = new Map();
        const kept: Found = found && {
          mailboxId: found.mailboxId,
          workspaceId: found.workspaceId,
          address: found.address,
        };
        cache.set(base, { found: kept, until: clock() + ttl });
      }
      return found && { ...found, token: tag };
    },
    forget() {
      generation++;
      cache = new Map();
    },
  };
}
