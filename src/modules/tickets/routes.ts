/**
 * HTTP for tickets: the seed's customer/staff endpoints and the admin list. Thin: schema → use case → view.
 * Opening a ticket is the web/API channel's (modules/channels/web).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TicketStatus } from '../../db/schema.js';
import { inWorkspace, type Tx } from '../../db/tenant.js';
import { staffOf, workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { DEFAULT_LIMIT } from '../../platform/pagination.js';
import { ticketActorOf } from './actor.js';
import { resolveAdminFilters, type AdminListQuery } from './admin-filters.js';
import { changeTicketStatus } from './change-ticket-status.js';
import type { TicketHooks } from './hooks.js';
import { listTickets, type TicketFilters, type TicketSort } from './list-tickets.js';
import { rateTicket } from './rate-ticket.js';
import * as s from './schema.js';
import { updateTicket, type UpdateTicketInput } from './update-ticket.js';
import { ticketDetail, ticketView } from './view.js';
import { basedOnOf, versionTag } from './collision.js';

interface ListQuery {
  limit?: number;
  cursor?: string;
  status?: string;
  sort?: string;
  q?: string;
}

function sortOf(raw: string | undefined): { sort: TicketSort; descending: boolean } {
  const value = raw ?? 'created_at';
  const sort = value.replace(/^-/, '') as TicketSort;
  const due = sort.endsWith('_due_at');
  // Timestamps of activity: newest first; due dates: soonest first. A leading "-" reverses.
  return { sort, descending: value.startsWith('-') ? due : !due };
}

export async function ticketRoutes(
  app: FastifyInstance,
  opts: { deps: AppDeps; hooks: TicketHooks },
): Promise<void> {
  const { deps, hooks } = opts;
  const tags = ['tickets'];

  const list = async (
    request: FastifyRequest,
    query: ListQuery,
    filters: (tx: Tx) => Promise<TicketFilters>,
  ) => {
    const ws = workspaceOf(request);
    const actor = ticketActorOf(request.principal);
    return inWorkspace(deps.db, ws.id, async (tx) =>
      listTickets(tx, ws, actor, {
        filters: await filters(tx),
        ...sortOf(query.sort),
        limit: query.limit ?? DEFAULT_LIMIT,
        ...(query.cursor ? { cursor: query.cursor } : {}),
      }),
    );
  };

  app.get<{ Querystring: ListQuery }>(
    '/api/support/tickets/',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'List tickets: a customer’s own, or the workspace’s for staff',
        querystring: s.listQuerySchema,
        response: { 200: s.ticketPageSchema },
      },
    },
    async (request) =>
      list(request, request.query, async () => ({
        ...(request.query.status ? { status: request.query.status.split(',') as TicketStatus[] } : {}),
        ...(request.query.q?.trim() ? { q: request.query.q } : {}),
      })),
  );

  app.get<{ Querystring: ListQuery & AdminListQuery }>(
    '/api/support/admin/tickets/',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['admin'],
        summary: 'All tickets of the workspace, with every filter and sort',
        querystring: s.adminListQuerySchema,
        response: { 200: s.ticketPageSchema },
      },
    },
    async (request) => {
      const me = staffOf(request);
      return list(request, request.query, (tx) =>
        resolveAdminFilters(tx, workspaceOf(request).id, me.userId, request.query),
      );
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/support/tickets/:id/',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'A ticket with its visible messages and attachments',
        params: s.ticketParams,
        response: { 200: s.ticketDetailSchema },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const actor = ticketActorOf(request.principal);
      const detail = await inWorkspace(deps.db, ws.id, (tx) =>
        ticketDetail(tx, ws, request.params.id, actor),
      );
      // Staff only (a customer's version would count internal notes): If-Match for collision checks.
      if (detail.version !== undefined) void reply.header('etag', versionTag(detail.version));
      return detail;
    },
  );

  app.patch<{ Params: { id: string }; Body: UpdateTicketInput }>(
    '/api/support/tickets/:id/',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Change priority, category, SLA or subject; the SLA due dates are recomputed',
        description:
          'Each change is a history row, one system message and one ticket.updated event. A new priority, ' +
          'category or SLA recomputes the response and resolution due dates from the ticket’s creation and ' +
          'status history (GET …/sla/ explains them).',
        params: s.ticketParams,
        body: s.updateTicketBody,
        response: { 200: { $ref: 'Ticket#' } },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const actor = ticketActorOf(request.principal);
      return inWorkspace(deps.db, ws.id, async (tx) => {
        const t = await updateTicket(
          { tx, workspaceId: ws.id, actor, now: deps.now(), hooks },
          request.params.id,
          { ...request.body, based_on: basedOnOf(request.body, request.headers['if-match']) },
        );
        return ticketView(tx, ws, t.id, actor);
      });
    },
  );

  app.put<{ Params: { id: string }; Body: { status: TicketStatus; reason?: string; based_on?: number } }>(
    '/api/support/tickets/:id/status/',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Change the status; an illegal transition answers 422',
        params: s.ticketParams,
        body: s.statusBody,
        response: { 200: { $ref: 'Ticket#' } },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const actor = ticketActorOf(request.principal);
      return inWorkspace(deps.db, ws.id, async (tx) => {
        const based_on =
          actor.kind === 'staff' ? basedOnOf(request.body, request.headers['if-match']) : undefined;
        const t = await changeTicketStatus(
          { tx, workspaceId: ws.id, actor, now: deps.now(), hooks },
          request.params.id,
          { ...request.body, based_on },
        );
        return ticketView(tx, ws, t.id, actor);
      });
    },
  );

  app.post<{ Params: { id: string }; Body: { rating: number; comment?: string } }>(
    '/api/support/tickets/:id/rate/',
    {
      config: { access: 'customer' },
      schema: {
        tags,
        summary: 'Rate the resolution (the ticket’s customer, once resolved or closed)',
        params: s.ticketParams,
        body: s.rateBody,
        response: { 200: { $ref: 'Ticket#' } },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const actor = ticketActorOf(request.principal);
      return inWorkspace(deps.db, ws.id, async (tx) => {
        const t = await rateTicket(
          { tx, workspaceId: ws.id, actor, now: deps.now() },
          request.params.id,
          request.body,
        );
        return ticketView(tx, ws, t.id, actor);
      });
    },
  );
}
