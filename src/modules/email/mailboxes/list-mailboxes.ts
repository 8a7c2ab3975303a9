/** Reads of mailboxes: one by id, and keyset pages by id. */
import type { Tx } from '../../../db/tenant.js';
import { notFound } from '../../../platform/errors.js';
import { decodeCursor, pageOf, type Page } from '../../../platform/pagination.js';
import { presentMailbox, type MailboxView } from './presenter.js';
import * as repo from './repository.js';

export async function getMailbox(tx: Tx, workspaceId: number, id: number): Promise<MailboxView> {
  const row = await repo.findMailbox(tx, workspaceId, id);
  if (!row) throw notFound('mailbox');
  return presentMailbox(row);
}

export async function listMailboxes(
  tx: Tx,
  workspaceId: number,
  options: { limit: number; cursor?: string },
): Promise<Page<MailboxView>> {
  const rows = await repo.listMailboxRows(tx, workspaceId, {
    limit: options.limit,
    cursor: decodeCursor(options.cursor),
  });
  return pageOf(rows, options.limit, (r) => r.id, presentMailbox);
}
