/** One page of the inbox's keyset scrolling: the query api/queries.ts and the boot script both send. */
import type { InboxQuery } from './types';

const PAGE = 50;

/** The query of one page of the inbox (the first without a cursor). */
export function inboxPageQuery(
  query: InboxQuery,
  cursor?: string,
): InboxQuery & { limit: number; cursor?: string } {
  return { ...query, limit: PAGE, ...(cursor ? { cursor } : {}) };
}
