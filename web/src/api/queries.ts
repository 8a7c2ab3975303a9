/**
 * Server state of the desk through TanStack Query: one hook per read, keyed so that a write (or an event
 * of the stream, api/events.ts) invalidates exactly what it changed. Components use these hooks and the
 * mutations below; none calls the network itself.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { AssignInput, InboxQuery, ReplyInput, TicketPatch, TicketStatus } from './types';

/** Query keys: every ticket read starts with ['tickets'], so one invalidation refreshes them all. */
export const keys = {
  tickets: ['tickets'] as const,
  inbox: (query: InboxQuery) => ['tickets', 'inbox', query] as const,
  ticket: (id: string) => ['tickets', 'detail', id] as const,
  sla: (id: string) => ['tickets', 'sla', id] as const,
  history: (id: string) => ['tickets', 'history', id] as const,
  assignments: (id: string) => ['tickets', 'assignments', id] as const,
  settings: (what: string) => ['settings', what] as const,
  templates: (category: string | null, language: string | null) => ['templates', category, language] as const,
};

/** GET /api/support/tickets/{id}/: the ticket with its messages and attachments. */
export function useTicket(id: string) {
  return useQuery({
    queryKey: keys.ticket(id),
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/support/tickets/{id}/', { params: { path: { id } }, signal })),
  });
}

/** GET /api/support/tickets/{id}/sla/: the SLA that applies, why, and its targets. */
export function useTicketSla(id: string) {
  return useQuery({
    queryKey: keys.sla(id),
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/support/tickets/{id}/sla/', { params: { path: { id } }, signal })),
  });
}

export function useTicketHistory(id: string) {
  return useQuery({
    queryKey: keys.history(id),
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/support/admin/tickets/{id}/history/', { params: { path: { id } }, signal })),
  });
}

export function useTicketAssignments(id: string) {
  return useQuery({
    queryKey: keys.assignments(id),
    queryFn: ({ signal }) =>
      unwrap(
        api.http.GET('/api/support/admin/tickets/{id}/assignments/', { params: { path: { id } }, signal }),
      ),
  });
}

/** A customer's tickets (the sidebar): the staff list filtered by customer. */
export function useCustomerTickets(customer: string | undefined) {
  return useQuery({
    queryKey: ['tickets', 'customer', customer],
    enabled: Boolean(customer),
    queryFn: ({ signal }) =>
      unwrap(
        api.http.GET('/api/support/admin/tickets/', {
          params: { query: { customer: customer ?? '', limit: 10, sort: 'updated_at' } },
          signal,
        }),
      ),
  });
}

const settingsOptions = { staleTime: 5 * 60_000 } as const;

export function useTeams(enabled = true) {
  return useQuery({
    enabled,
    queryKey: keys.settings('teams'),
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/support/admin/teams/', { params: { query: { limit: 100 } }, signal })),
    ...settingsOptions,
  });
}

export function useTags(enabled = true) {
  return useQuery({
    enabled,
    queryKey: keys.settings('tags'),
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/support/admin/tags/', { params: { query: { limit: 100 } }, signal })),
    ...settingsOptions,
  });
}

export function useCategories(enabled = true) {
  return useQuery({
    enabled,
    queryKey: keys.settings('categories'),
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/support/admin/categories/', { params: { query: { limit: 100 } }, signal })),
    ...settingsOptions,
  });
}

export function usePriorities(enabled = true) {
  return useQuery({
    enabled,
    queryKey: keys.settings('priorities'),
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/support/admin/priorities/', { params: { query: { limit: 100 } }, signal })),
    ...settingsOptions,
  });
}

/** The workspace's agents: there is no user list for agents, so the members of every team. */
export function useAgents(enabled = true) {
  const teams = useTeams(enabled);
  const agents = new Map<number, { id: number; name: string; email: string }>();
  for (const team of teams.data?.results ?? []) {
    for (const m of team.members ?? []) {
      if (m.id !== undefined)
        agents.set(m.id, { id: m.id, name: m.name ?? m.email ?? '', email: m.email ?? '' });
    }
  }
  return { ...teams, agents: [...agents.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

/** Response templates for a ticket's category and language (GET /api/support/templates/). */
export function useTemplates(category: string | null, language: string | null) {
  return useQuery({
    queryKey: keys.templates(category, language),
    queryFn: ({ signal }) =>
      unwrap(
        api.http.GET('/api/support/templates/', {
          params: {
            query: { limit: 100, ...(category ? { category } : {}), ...(language ? { language } : {}) },
          },
          signal,
        }),
      ),
    ...settingsOptions,
  });
}

function invalidateTickets(client: QueryClient) {
  return client.invalidateQueries({ queryKey: keys.tickets });
}

/** Every ticket write, each refreshing the ticket reads when it is done. */
export function useTicketActions() {
  const client = useQueryClient();
  // Not awaited: a write is done when the server answered; the refetch it starts follows on its own.
  const onSettled = () => {
    void invalidateTickets(client);
  };
  const patch = useMutation({
    mutationFn: ({ id, body }: { id: string; body: TicketPatch }) =>
      unwrap(api.http.PATCH('/api/support/tickets/{id}/', { params: { path: { id } }, body })),
    onSettled,
  });
  const setStatus = useMutation({
    mutationFn: ({ id, status }: { id: string; status: TicketStatus }) =>
      unwrap(
        api.http.PUT('/api/support/tickets/{id}/status/', { params: { path: { id } }, body: { status } }),
      ),
    onSettled,
  });
  const assign = useMutation({
    mutationFn: ({ id, body }: { id: string; body: AssignInput }) =>
      unwrap(api.http.POST('/api/support/admin/tickets/{id}/assign/', { params: { path: { id } }, body })),
    onSettled,
  });
  const tag = useMutation({
    mutationFn: ({ id, add, remove }: { id: string; add?: string[]; remove?: string[] }) =>
      unwrap(
        api.http.POST('/api/support/admin/tickets/{id}/tags/', {
          params: { path: { id } },
          body: { ...(add ? { add } : {}), ...(remove ? { remove } : {}) },
        }),
      ),
    onSettled,
  });
  const reply = useMutation({
    mutationFn: ({ id, body, files }: { id: string; body: ReplyInput; files: File[] }) =>
      files.length === 0
        ? unwrap(api.http.POST('/api/support/tickets/{id}/reply/', { params: { path: { id } }, body }))
        : unwrap(
            api.http.POST('/api/support/tickets/{id}/reply/', {
              params: { path: { id } },
              body,
              bodySerializer: (fields) => replyForm(fields, files),
            }),
          ),
    onSettled,
  });
  const createArticle = useMutation({
    mutationFn: ({ id }: { id: string }) =>
      unwrap(
        api.http.POST('/api/support/admin/kb/articles/from-ticket/{id}/', {
          params: { path: { id } },
          body: null,
        }),
      ),
  });
  return { patch, setStatus, assign, tag, reply, createArticle };
}

/** The multipart body of a reply with files: its fields, then each file. */
function replyForm(fields: ReplyInput, files: File[]): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null) form.append(name, String(value));
  }
  for (const file of files) form.append('files', file, file.name);
  return form;
}

/** The agent's own availability (GET/PUT /api/support/me/availability/); asked for once `enabled`. */
export function useAvailability(enabled = true) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['me', 'availability'],
    enabled,
    queryFn: ({ signal }) => unwrap(api.http.GET('/api/support/me/availability/', { signal })),
  });
  const set = useMutation({
    mutationFn: (availability: 'available' | 'away' | 'offline') =>
      unwrap(api.http.PUT('/api/support/me/availability/', { body: { availability } })),
    onSuccess: (answer) => client.setQueryData(['me', 'availability'], answer),
  });
  return { query, set };
}
