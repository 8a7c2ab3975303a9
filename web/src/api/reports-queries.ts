/**
 * The reports dashboard's server state: GET /api/support/stats/ through TanStack Query, and the address
 * of each report table's CSV (GET /api/support/stats/export.csv, downloaded by a plain link: the
 * browser streams it to disk with the session cookie, no script holds the file).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { Answer, Query } from './types';

export type StatsQuery = Query<'/api/support/stats/'>;
export type SupportStats = Answer<'/api/support/stats/', 'get'>;
export type StatsTable = NonNullable<Query<'/api/support/stats/export.csv'>['table']>;

/** The report for `query`; the previous answer stays on screen while a changed filter loads. */
export function useStats(query: StatsQuery, enabled = true) {
  return useQuery({
    queryKey: ['stats', query] as const,
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/support/stats/', { params: { query }, signal }), signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    enabled,
  });
}

/** Where the CSV of one report table with the same filters is served. */
export function statsCsvUrl(query: StatsQuery, table: StatsTable): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  params.set('table', table);
  const workspace = api.getWorkspace();
  if (workspace) params.set('workspace', workspace);
  return `/api/support/stats/export.csv?${params.toString()}`;
}
