/**
 * Creates and changes mailboxes. The address is lower-cased and unique across the installation (the SMTP
 * listener finds the workspace by it: 409 when taken anywhere); it holds no `+`, which is the reply
 * token's separator. Secrets are sealed before they reach the database; defaults must exist in the
 * workspace.
 */
import type { Mailbox } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import { AppError, invalid, notFound } from '../../../platform/errors.js';
import { normalizeEmail } from '../../../platform/validation.js';
import * as repo from './repository.js';
import type { SecretBox } from './secret-box.js';

export interface MailboxInput {
  display_name?: string;
  signature?: string;
  default_category?: number | null;
  default_team?: number | null;
  default_priority?: number | null;
  auto_acknowledge?: boolean;
  smtp_inbound?: boolean;
  imap_host?: string | null;
  imap_port?: number | null;
  imap_tls?: boolean;
  imap_user?: string | null;
  imap_password?: string | null;
  imap_folder?: string;
  smtp_url?: string | null;
  is_active?: boolean;
}

export interface MailboxContext {
  tx: Tx;
  workspaceId: number;
  now: Date;
  secrets: SecretBox;
}

const REFS = [
  ['default_category', 'ticket_categories', 'default_category_id'],
  ['default_team', 'support_teams', 'default_team_id'],
  ['default_priority', 'ticket_priorities', 'default_priority_id'],
] as const;

async function valuesOf(ctx: MailboxContext, input: MailboxInput): Promise<repo.MailboxValues> {
  const values: repo.MailboxValues = {};
  for (const [field, table, column] of REFS) {
    const ref = input[field];
    if (ref === undefined) continue;
    if (ref !== null && !(await repo.refExists(ctx.tx, table, ctx.workspaceId, ref))) {
      throw invalid(field, 'no such record in this workspace');
    }
    values[column] = ref;
  }
  const copy = [
    'display_name',
    'signature',
    'auto_acknowledge',
    'smtp_inbound',
    'imap_host',
    'imap_port',
    'imap_tls',
    'imap_user',
    'imap_folder',
    'is_active',
  ] as const;
  for (const key of copy) {
    if (input[key] !== undefined) Object.assign(values, { [key]: input[key] });
  }
  if (input.imap_password !== undefined) {
    values.imap_password_enc = input.imap_password === null ? null : ctx.secrets.seal(input.imap_password);
  }
  if (input.smtp_url !== undefined) {
    if (input.smtp_url !== null && !URL.canParse(input.smtp_url)) throw invalid('smtp_url', 'is not a URL');
    values.smtp_url_enc = input.smtp_url === null ? null : ctx.secrets.seal(input.smtp_url);
  }
  return values;
}

/** The IMAP settings, once changed, must be complete (host, user and password) or absent. */
function assertImapComplete(m: Mailbox): void {
  if (m.imap_host !== null && (m.imap_user === null || m.imap_password_enc === null)) {
    throw invalid('imap_host', 'IMAP needs a user and a password too');
  }
}

/** Creates the mailbox (409 ALREADY_EXISTS when the address is used by any workspace). */
export async function createMailbox(
  ctx: MailboxContext,
  input: MailboxInput & { address: string },
): Promise<Mailbox> {
  const address = normalizeEmail(input.address, 'address');
  if (address.split('@')[0]?.includes('+')) throw invalid('address', 'must not contain "+"');
  const values = await valuesOf(ctx, input);
  const row = await repo.insertMailbox(ctx.tx, {
    ...values,
    workspace_id: ctx.workspaceId,
    address,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  if (!row) throw new AppError('ALREADY_EXISTS', `the address ${address} is already a mailbox`);
  assertImapComplete(row);
  return row;
}

/** Changes the mailbox; changed IMAP settings restart the fetch state (a new server, a new UID space). */
export async function updateMailbox(ctx: MailboxContext, id: number, input: MailboxInput): Promise<Mailbox> {
  const before = await repo.findMailbox(ctx.tx, ctx.workspaceId, id);
  if (!before) throw notFound('mailbox');
  const values = await valuesOf(ctx, input);
  const server = ['imap_host', 'imap_port', 'imap_user', 'imap_folder'] as const;
  if (server.some((k) => input[k] !== undefined && input[k] !== before[k])) {
    Object.assign(values, {
      imap_uidvalidity: null,
      imap_last_uid: 0,
      imap_failures: 0,
      imap_next_poll_at: null,
    });
  }
  const row = await repo.updateMailboxRow(ctx.tx, ctx.workspaceId, id, { ...values, updated_at: ctx.now });
  if (!row) throw notFound('mailbox');
  assertImapComplete(row);
  return row;
}

/** Deletes the mailbox; its tickets and stored mail stay. */
export async function deleteMailbox(ctx: { tx: Tx; workspaceId: number }, id: number): Promise<void> {
  if (!(await repo.deleteMailboxRow(ctx.tx, ctx.workspaceId, id))) throw notFound('mailbox');
}
