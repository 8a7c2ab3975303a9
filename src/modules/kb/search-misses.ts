/**
 * Searches that found nothing, for the admins: what customers look for and the knowledge base lacks.
 * Most frequent (or most recent) first; a miss can be dismissed once an article answers it.
 */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor, type Page } from '../../platform/pagination.js';
import { normaliseLanguage } from './language.js';

export interface SearchMissView {
  id: number;
  query: string;
  language: string;
  count: number;
  first_seen_at: string;
  last_seen_at: string;
}

export async function listSearchMisses(
  tx: Tx,
  workspaceId: number,
  options: { language?: string; sort?: 'count' | 'recent'; limit: number; cursor?: string },
): Promise<Page<SearchMissView>> {
  const cursor = decodeCursor(options.cursor);
  const recent = options.sort === 'recent';
  let q = tx.selectFrom('kb_search_misses').selectAll().where('workspace_id', '=', workspaceId);
  if (options.language) q = q.where('language', '=', normaliseLanguage(options.language));
  if (cursor && recent) {
    q = q.where((eb) =>
      eb(eb.refTuple('last_seen_at', 'id'), '<', eb.tuple(new Date(String(cursor.v)), cursor.id)),
    );
  } else if (cursor) {
    const count = Number(cursor.v);
    q = q.where((eb) =>
      eb.or([eb('count', '<', count), eb.and([eb('count', '=', count), eb('id', '>', cursor.id)])]),
    );
  }
  q = recent
    ? q.orderBy('last_seen_at', 'desc').orderBy('id', 'desc')
    : q.orderBy('count', 'desc').orderBy('id', 'asc');
  const rows = await q.limit(options.limit + 1).execute();
  const more = rows.length > options.limit;
  const served = more ? rows.slice(0, options.limit) : rows;
  const last = served[served.length - 1];
  return {
    results: served.map((r) => ({
      id: r.id,
      query: r.query,
      language: r.language,
      count: r.count,
      first_seen_at: r.first_seen_at.toISOString(),
      last_seen_at: r.last_seen_at.toISOString(),
    })),
    next_cursor:
      more && last
        ? encodeCursor({ v: recent ? last.last_seen_at.toISOString() : last.count, id: last.id })
        : null,
  };
}

/** Dismisses a miss (404 for unknown or another workspace's ids). */
export async function deleteSearchMiss(tx: Tx, workspaceId: number, id: number): Promise<void> {
  const res = await tx
    .deleteFrom('kb_search_misses')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (res.numDeletedRows === 0n) throw notFound('search miss');
}
