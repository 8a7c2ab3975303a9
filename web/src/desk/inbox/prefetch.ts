/**
 * The inbox's first page asked for before the desk has rendered (router.tsx prefetchDesk): the query the
 * inbox scene will ask for, from the same URL, under the same key, so the scene finds it answered.
 */
import type { QueryClient } from '@tanstack/react-query';
import { inboxOptions } from '../../api/inbox-queries';
import { inboxQuery } from './views';

export function prefetchInbox(client: QueryClient, search: string): Promise<void> {
  return client.prefetchInfiniteQuery(inboxOptions(inboxQuery(new URLSearchParams(search))));
}
