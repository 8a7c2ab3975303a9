/**
 * What helps an agent with one ticket beyond the ticket itself: the knowledge-base articles likely to
 * answer it, the earlier tickets it may duplicate (and dismissing one), and merging it into another. Keys start with
 * ['tickets'], so the event stream and every ticket write refresh them with the ticket.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { keys } from './queries';
import type { Answer } from './types';

export type RelatedArticle = Answer<'/api/support/tickets/{id}/related-articles/', 'get'>['results'][number];
export type PossibleDuplicate = Answer<'/api/support/tickets/{id}/duplicates/', 'get'>['results'][number];
export type MergeResult = Answer<'/api/support/tickets/{id}/merge/', 'post'>;

export const helpKeys = {
  // The subject is part of the key: a new subject asks the server again (the text it ranks by changed).
  related: (id: string, subject: string) => ['tickets', 'related', id, subject] as const,
  duplicates: (id: string) => ['tickets', 'duplicates', id] as const,
};

/** GET /api/support/tickets/{id}/related-articles/: the top articles for the subject and first message. */
export function useRelatedArticles(id: string, subject: string) {
  return useQuery({
    queryKey: helpKeys.related(id, subject),
    queryFn: ({ signal }) =>
      unwrap(
        api.http.GET('/api/support/tickets/{id}/related-articles/', {
          params: { path: { id }, query: { limit: 5 } },
          signal,
        }),
      ),
    staleTime: 60_000,
  });
}

/** GET /api/support/tickets/{id}/duplicates/: earlier tickets this one may duplicate, most similar first. */
export function usePossibleDuplicates(id: string, enabled = true) {
  return useQuery({
    queryKey: helpKeys.duplicates(id),
    enabled,
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/support/tickets/{id}/duplicates/', { params: { path: { id } }, signal })),
  });
}

/**
 * POST /api/support/tickets/{id}/duplicates/dismiss/: "not a duplicate of `ticket`". The notice goes for
 * everyone: here by the refetch, on other desks by the ticket.duplicate_dismissed event.
 */
export function useDismissDuplicate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ticket }: { id: string; ticket: string }) =>
      unwrap(
        api.http.POST('/api/support/tickets/{id}/duplicates/dismiss/', {
          params: { path: { id } },
          body: { ticket },
        }),
      ),
    onSettled: () => void client.invalidateQueries({ queryKey: keys.tickets }),
  });
}

/** POST /api/support/tickets/{id}/merge/: merges ticket `id` into `into` (an id or ticket number). */
export function useMergeTicket() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, into }: { id: string; into: string }) =>
      unwrap(api.http.POST('/api/support/tickets/{id}/merge/', { params: { path: { id } }, body: { into } })),
    onSettled: () => void client.invalidateQueries({ queryKey: keys.tickets }),
  });
}
