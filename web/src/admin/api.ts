/**
 * Server state of the admin console and KB authoring through TanStack Query: one hook per read, all
 * keyed under ['admin', …], and one mutation helper that refreshes them after any write. Every call
 * goes through the generated client (api/client.ts), so paths and bodies are checked against the API.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { Answer, Body } from '../api/types';

export type WorkspaceSettings = Answer<'/api/support/admin/workspace/', 'get'>;
export type WorkspacePatch = Body<'/api/support/admin/workspace/', 'patch'>;
type ResultsOf<T> = T extends { results?: (infer R)[] } ? R : never;
export type AdminCategory = ResultsOf<Answer<'/api/support/admin/categories/', 'get'>>;
export type AdminPriority = ResultsOf<Answer<'/api/support/admin/priorities/', 'get'>>;
export type AdminTag = ResultsOf<Answer<'/api/support/admin/tags/', 'get'>>;
export type AdminTeam = ResultsOf<Answer<'/api/support/admin/teams/', 'get'>>;
export type AdminTemplate = ResultsOf<Answer<'/api/support/admin/templates/', 'get'>>;
export type AdminWebhook = ResultsOf<Answer<'/api/support/admin/webhooks/', 'get'>>;
export type WebhookDelivery = ResultsOf<Answer<'/api/support/admin/webhooks/{id}/deliveries/', 'get'>>;
export type Sla = Answer<'/api/support/admin/slas/{id}/', 'get'>;
export type SlaPatch = Body<'/api/support/admin/slas/{id}/', 'patch'>;
export type SlaPreview = Answer<'/api/support/admin/slas/{id}/preview/', 'post'>;
export type Simulation = Answer<'/api/support/admin/slas/{id}/simulate/', 'post'>;
export type KbArticle = Answer<'/api/support/admin/kb/articles/{id}/', 'get'>;
export type KbArticleSummary = ResultsOf<Answer<'/api/support/admin/kb/articles/', 'get'>>;
export type KbArticlePatch = Body<'/api/support/admin/kb/articles/{id}/', 'patch'>;
export type KbCategory = ResultsOf<Answer<'/api/support/admin/kb/categories/', 'get'>>;
export type SearchMiss = ResultsOf<Answer<'/api/support/admin/kb/search-misses/', 'get'>>;
export type DeflectionStats = Answer<'/api/support/admin/kb/deflection/', 'get'>;

const MAX = 100;
const key = (...parts: (string | number | null | undefined)[]) => ['admin', ...parts] as const;

/** A mutation that refreshes every admin read when it succeeds. */
export function useAdminMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin'] }),
  });
}

export function useWorkspaceSettings() {
  return useQuery({
    queryKey: key('workspace'),
    queryFn: ({ signal }) => unwrap(api.http.GET('/api/support/admin/workspace/', { signal })),
  });
}

export function useCategories() {
  return useQuery({
    queryKey: key('categories'),
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/support/admin/categories/', { params: { query: { limit: MAX } }, signal })),
  });
}

export function usePriorities() {
  return useQuery({
    queryKey: key('priorities'),
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/support/admin/priorities/', { params: { query: { limit: MAX } }, signal })),
  });
}

export function useSlas() {
  return useQuery({
    queryKey: key('slas'),
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/support/admin/slas/', { params: { query: { limit: MAX } }, signal })),
  });
}

export function useSla(id: number) {
  return useQuery({
    queryKey: key('slas', id),
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/support/admin/slas/{id}/', { params: { path: { id } }, signal })),
  });
}

export function useTeams() {
  return useQuery({
    queryKey: key('teams'),
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/support/admin/teams/', { params: { query: { limit: MAX } }, signal })),
  });
}

/** The workspace's staff (GET /api/support/admin/staff/, the staff screen's list): the pickers' choice. */
export function useStaffList() {
  return useQuery({
    queryKey: key('staff'),
    queryFn: ({ signal }) => unwrap(api.http.GET('/api/support/admin/staff/', { signal })),
  });
}

export function useTags() {
  return useQuery({
    queryKey: key('tags'),
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/support/admin/tags/', { params: { query: { limit: MAX } }, signal })),
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: key('templates'),
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/support/admin/templates/', { params: { query: { limit: MAX } }, signal })),
  });
}

export function useWebhooks() {
  return useQuery({
    queryKey: key('webhooks'),
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/support/admin/webhooks/', { params: { query: { limit: MAX } }, signal })),
  });
}

export function useDeliveries(id: number | null) {
  return useQuery({
    queryKey: key('webhooks', id, 'deliveries'),
    enabled: id !== null,
    queryFn: ({ signal }) =>
      unwrap(
        api.http.GET('/api/support/admin/webhooks/{id}/deliveries/', {
          params: { path: { id: id ?? 0 }, query: { limit: 20 } },
          signal,
        }),
      ),
  });
}

export function useKbArticles(query: { q?: string; status?: string; language?: string }) {
  return useQuery({
    queryKey: key('kb', 'articles', JSON.stringify(query)),
    queryFn: ({ signal }) =>
      unwrap(
        api.http.GET('/api/support/admin/kb/articles/', {
          params: { query: { ...query, limit: MAX } },
          signal,
        }),
      ),
  });
}

export function useKbArticle(id: number | null) {
  return useQuery({
    queryKey: key('kb', 'article', id),
    enabled: id !== null,
    queryFn: ({ signal }) =>
      unwrap(
        api.http.GET('/api/support/admin/kb/articles/{id}/', {
          params: { path: { id: id ?? 0 } },
          signal,
        }),
      ),
  });
}

export function useKbCategories() {
  return useQuery({
    queryKey: key('kb', 'categories'),
    queryFn: ({ signal }) =>
      unwrap(
        api.http.GET('/api/support/admin/kb/categories/', { params: { query: { limit: MAX } }, signal }),
      ),
  });
}

export function useSearchMisses() {
  return useQuery({
    queryKey: key('kb', 'misses'),
    queryFn: ({ signal }) =>
      unwrap(
        api.http.GET('/api/support/admin/kb/search-misses/', { params: { query: { limit: 20 } }, signal }),
      ),
  });
}

export function useDeflection() {
  return useQuery({
    queryKey: key('kb', 'deflection'),
    queryFn: ({ signal }) => unwrap(api.http.GET('/api/support/admin/kb/deflection/', { signal })),
  });
}

/** The rendered preview of article Markdown (the server's renderer and sanitiser). */
export function useMarkdownPreview(content: string) {
  return useQuery({
    queryKey: key('kb', 'preview', content),
    queryFn: ({ signal }) =>
      unwrap(api.http.POST('/api/support/admin/kb/preview/', { body: { content }, signal })),
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });
}

/** Tickets about a subject (the desk's full-text search), for an article's "related tickets". */
export function useRelatedTickets(q: string) {
  return useQuery({
    queryKey: key('kb', 'related', q),
    enabled: q.trim().length > 2,
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/support/admin/tickets/', { params: { query: { q, limit: 5 } }, signal })),
  });
}
