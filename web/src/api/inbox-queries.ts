/**
 * The desk inbox's list read (GET /api/support/admin/tickets/, page by page by its keyset cursor), apart
 * from queries.ts so that the portal's ticket page, which uses queries.ts, does not carry it.
 */
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { inboxPageQuery } from './inbox-page';
import { keys } from './queries';
import type { InboxQuery } from './types';

/** GET /api/support/admin/tickets/ page by page (keyset cursor), for infinite scrolling. */
export function inboxOptions(query: InboxQuery) {
  return infiniteQueryOptions({
    queryKey: keys.inbox(query),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.http.GET('/api/support/admin/tickets/', {
          params: { query: inboxPageQuery(query, pageParam) },
          signal,
        }),
        signal,
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useInbox(query: InboxQuery, enabled = true) {
  return useInfiniteQuery({ ...inboxOptions(query), enabled, placeholderData: keepPreviousData });
}
