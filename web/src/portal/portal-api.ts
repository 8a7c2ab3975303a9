/**
 * The portal's server calls, through the one generated client: the workspace's branding, the
 * customer's tickets with search, a new ticket with files, rating, and the sign-in flows.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Answer, type Body } from '../api/client';
import { currentLanguage } from '../i18n';

export type PortalInfo = Answer<'/api/support/branding/', 'get'>;

/** The workspace the portal is for: ?workspace= of the link, else the session's (or the only one). */
export function usePortalInfo() {
  return useQuery({
    queryKey: ['portal', 'info', api.getWorkspace()],
    queryFn: ({ signal }) => unwrap(api.http.GET('/api/support/branding/', { signal })),
    staleTime: 10 * 60_000,
  });
}

export type TicketFilter = 'open' | 'closed';
const STATUSES: Record<TicketFilter, string> = {
  open: 'new,open,pending,on_hold',
  closed: 'resolved,closed,cancelled',
};

/** GET /api/support/tickets/: the customer's own tickets, open or closed, optionally searched. */
export function usePortalTickets(filter: TicketFilter, q: string) {
  return useInfiniteQuery({
    queryKey: ['tickets', 'portal', filter, q],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.http.GET('/api/support/tickets/', {
          params: {
            query: {
              status: STATUSES[filter],
              sort: 'updated_at',
              limit: 20,
              ...(q ? { q } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
          signal,
        }),
        signal,
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** The fields and files of a multipart request (ticket or reply with attachments). */
export function multipart(fields: Record<string, string>, files: File[]): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append('files', file, file.name);
  return form;
}

type NewTicket = Body<'/api/support/tickets/', 'post'>;

/** POST /api/support/tickets/ as JSON, or multipart when files come with it. */
export function createTicket(input: NewTicket, files: File[]) {
  return unwrap(
    api.http.POST('/api/support/tickets/', {
      body: input,
      ...(files.length > 0
        ? {
            bodySerializer: (fields: NewTicket) =>
              multipart(
                Object.fromEntries(
                  Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string'),
                ),
                files,
              ),
          }
        : {}),
    }),
  );
}

/** POST /api/support/tickets/{id}/rate/: 1–5 with a comment, once the ticket is resolved. */
export function useRateTicket() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, rating, comment }: { id: string; rating: number; comment: string }) =>
      unwrap(
        api.http.POST('/api/support/tickets/{id}/rate/', {
          params: { path: { id } },
          body: comment ? { rating, comment } : { rating },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: ['tickets'] }),
  });
}

/** The sign-in flows; the mails they ask for are written in the page's language (unless chosen otherwise). */
export const portalAuth = {
  signup: (body: Omit<Body<'/api/auth/customer/register', 'post'>, 'language'>) =>
    unwrap(api.http.POST('/api/auth/customer/register', { body: { ...body, language: currentLanguage() } })),
  magicLink: (email: string) =>
    unwrap(api.http.POST('/api/auth/customer/magic-link', { body: { email, language: currentLanguage() } })),
  forgotCustomer: (email: string) =>
    unwrap(
      api.http.POST('/api/auth/customer/password/forgot', { body: { email, language: currentLanguage() } }),
    ),
  forgotStaff: (email: string) =>
    unwrap(api.http.POST('/api/auth/password/forgot', { body: { email, language: currentLanguage() } })),
  resetPassword: (token: string, password: string) =>
    unwrap(api.http.POST('/api/auth/password/reset', { body: { token, password } })),
};
