/**
 * What admins see of a stored mail's source: its header fields and the start of its body, read from the
 * first bytes only (a 20 MB mail is not loaded for a look), and the whole raw mail for download.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../db/tenant.js';
import { notFound } from '../../../platform/errors.js';
import { rawHeaderFields } from './raw-headers.js';

/** Bytes read for the view: the header block of any real mail and a look at the body. */
const HEAD_BYTES = 96 * 1024;
const PREVIEW_CHARS = 8000;
const MAX_FIELDS = 300;

export interface RawHead {
  headers: { name: string; value: string }[];
  source_preview: string;
}

/** The header fields (names as sent) and the first characters of the body. */
export async function readRawHead(tx: Tx, workspaceId: number, id: number): Promise<RawHead> {
  const row = await tx
    .selectFrom('inbound_emails')
    .select(sql<Buffer>`substring(raw from 1 for ${HEAD_BYTES})`.as('head'))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('inbound email');
  const head = Buffer.from(row.head);
  const text = head.toString('utf8');
  const end = /\r?\n\r?\n/.exec(text);
  return {
    headers: rawHeaderFields(head).slice(0, MAX_FIELDS),
    source_preview: end
      ? text.slice(end.index + end[0].length, end.index + end[0].length + PREVIEW_CHARS)
      : '',
  };
}

/** The whole raw mail. */
export async function readRaw(tx: Tx, workspaceId: number, id: number): Promise<Buffer> {
  const row = await tx
    .selectFrom('inbound_emails')
    .select('raw')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('inbound email');
  return Buffer.from(row.raw);
}
