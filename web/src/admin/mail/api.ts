/**
 * Server state of the mail screens (mailboxes, incoming mail, mail templates) through TanStack Query,
 * keyed under ['admin', 'mail', …] so useAdminMutation refreshes them after a write. Every call goes
 * through the generated client.
 */
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { Answer, Body, Query } from '../../api/types';

type ResultsOf<T> = T extends { results?: (infer R)[] } ? R : never;
export type Mailbox = Answer<'/api/support/admin/mailboxes/{id}/', 'get'>;
export type MailboxCreate = Body<'/api/support/admin/mailboxes/', 'post'>;
export type MailboxPatch = Body<'/api/support/admin/mailboxes/{id}/', 'patch'>;
export type InboundQuery = Query<'/api/support/admin/inbound-emails/'>;
export type InboundSummary = ResultsOf<Answer<'/api/support/admin/inbound-emails/', 'get'>>;
export type InboundDetail = Answer<'/api/support/admin/inbound-emails/{id}/', 'get'>;
export type MailTemplate = Answer<'/api/support/admin/mail-templates/{kind}/{language}/', 'get'>;
export type MailTemplateKind = MailTemplate['kind'];
export type MailLanguage = MailTemplate['language'];
export type MailPreview = Answer<'/api/support/admin/mail-templates/{kind}/{language}/preview/', 'post'>;

const key = (...parts: (string | number | null | undefined)[]) => ['admin', 'mail', ...parts] as const;

export function useMailboxes() {
  return useQuery({
    queryKey: key('mailboxes'),
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/support/admin/mailboxes/', { params: { query: { limit: 100 } }, signal })),
  });
}

/** The stored inbound mail, newest first, a page at a time by the list's cursor (fetchNextPage). */
export function useInboundMails(query: Omit<InboundQuery, 'cursor'>) {
  return useInfiniteQuery({
    queryKey: key('inbound', JSON.stringify(query)),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.http.GET('/api/support/admin/inbound-emails/', {
          params: { query: { ...query, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useInboundMail(id: number | null) {
  return useQuery({
    queryKey: key('inbound', 'detail', id),
    enabled: id !== null,
    queryFn: ({ signal }) =>
      unwrap(
        api.http.GET('/api/support/admin/inbound-emails/{id}/', {
          params: { path: { id: id ?? 0 } },
          signal,
        }),
      ),
  });
}

/** The raw mail's download address (a plain link: the browser saves it as inbound-<id>.eml). */
export const rawMailUrl = (id: number) => `/api/support/admin/inbound-emails/${id}/raw/`;

export function useMailTemplates() {
  return useQuery({
    queryKey: key('templates'),
    queryFn: ({ signal }) => unwrap(api.http.GET('/api/support/admin/mail-templates/', { signal })),
  });
}

/** The server's rendering of a draft for a sample ticket (the same code as a real mail). */
export function useMailPreview(
  kind: MailTemplateKind,
  language: MailLanguage,
  draft: { text_body: string; html_body: string },
) {
  return useQuery({
    queryKey: key('templates', 'preview', kind, language, draft.text_body, draft.html_body),
    queryFn: ({ signal }) =>
      unwrap(
        api.http.POST('/api/support/admin/mail-templates/{kind}/{language}/preview/', {
          params: { path: { kind, language } },
          body: draft,
          signal,
        }),
      ),
    placeholderData: (previous) => previous,
    staleTime: Infinity,
    retry: false,
  });
}
