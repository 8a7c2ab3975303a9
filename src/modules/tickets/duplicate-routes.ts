/**
 * Possible duplicates and merging, for staff: GET /api/support/tickets/{id}/duplicates/ lists the tickets
 * this one may duplicate; POST /api/support/tickets/{id}/duplicates/dismiss/ says it is not a duplicate
 * of one of them; POST /api/support/tickets/{id}/merge/ merges it into one of them.
 */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { ticketActorOf } from './actor.js';
import { dismissDuplicate } from './dismiss-duplicate.js';
import { findPossibleDuplicates } from './find-duplicates.js';
import type { TicketHooks } from './hooks.js';
import { loadVisibleTicket } from './load-ticket.js';
import { mergeTicket } from './merge-ticket.js';
import { ticketParams } from './schema.js';

const TAGS = ['tickets'];

const duplicateSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    ticket_number: { type: 'string' },
    subject: { type: 'string' },
    status: { type: 'string' },
    created_at: { type: 'string', format: 'date-time' },
    similarity: { type: 'number', description: '0..1: how alike the subjects and texts are' },
    reasons: {
      type: 'array',
      items: { type: 'string', enum: ['same_customer', 'same_order', 'same_consignment'] },
    },
  },
  required: ['id', 'ticket_number', 'subject', 'status', 'created_at', 'similarity', 'reasons'],
} as const;

export async function duplicateRoutes(
  app: FastifyInstance,
  opts: { deps: AppDeps; hooks: TicketHooks },
): Promise<void> {
  const { deps, hooks } = opts;

  app.get<{ Params: { id: string } }>(
    '/api/support/tickets/:id/duplicates/',
    {
      config: { access: 'staff' },
      schema: {
        tags: TAGS,
        summary:
          'Tickets this one may duplicate: same customer, order or consignment, similar text, within the window',
        description:
          'Earlier tickets opened within the workspace’s `duplicate_window_hours`, not merged, most similar ' +
          'first. Staff only.',
        params: ticketParams,
        response: {
          200: {
            type: 'object',
            properties: { results: { type: 'array', items: duplicateSchema } },
            required: ['results'],
          },
        },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const actor = ticketActorOf(request.principal);
      return inWorkspace(deps.db, ws.id, async (tx) => {
        const ticket = await loadVisibleTicket(tx, ws.id, request.params.id, actor);
        const found = await findPossibleDuplicates(tx, ticket);
        return { results: found.map((d) => ({ ...d, created_at: d.created_at.toISOString() })) };
      });
    },
  );

  app.post<{ Params: { id: string }; Body: { ticket: string } }>(
    '/api/support/tickets/:id/duplicates/dismiss/',
    {
      config: { access: 'staff' },
      schema: {
        tags: TAGS,
        summary: '“Not a duplicate”: never suggest this ticket and `ticket` as duplicates again',
        description:
          'Stores the dismissal of the pair (either direction), writes it to this ticket’s history and ' +
          'announces `ticket.duplicate_dismissed`. Dismissing a pair again changes nothing and answers the ' +
          'first dismissal (`created: false`). Staff only; an unknown ticket → 404, the ticket itself → 400.',
        params: ticketParams,
        body: {
          type: 'object',
          properties: {
            ticket: {
              type: 'string',
              minLength: 1,
              maxLength: 60,
              description: 'the suggested ticket: id or ticket number',
            },
          },
          required: ['ticket'],
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              ticket_number: { type: 'string' },
              other_ticket_number: { type: 'string' },
              dismissed_by: {
                type: ['object', 'null'],
                properties: { id: { type: 'integer' }, name: { type: 'string' } },
                required: ['id', 'name'],
              },
              dismissed_at: { type: 'string', format: 'date-time' },
              created: { type: 'boolean', description: 'false: the pair had been dismissed before' },
            },
            required: ['ticket_number', 'other_ticket_number', 'dismissed_by', 'dismissed_at', 'created'],
          },
        },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const actor = ticketActorOf(request.principal);
      const dismissal = await inWorkspace(deps.db, ws.id, (tx) =>
        dismissDuplicate(
          { tx, workspaceId: ws.id, actor, now: deps.now() },
          request.params.id,
          request.body.ticket,
        ),
      );
      return { ...dismissal, dismissed_at: dismissal.dismissed_at.toISOString() };
    },
  );

  app.post<{ Params: { id: string }; Body: { into: string } }>(
    '/api/support/tickets/:id/merge/',
    {
      config: { access: 'staff' },
      schema: {
        tags: TAGS,
        summary: 'Merge this ticket (the duplicate) into another',
        description:
          'Moves its messages and attachments to `into`, closes it with a system message and keeps its ' +
          'number resolving to `into`. A ticket already merged → 409; into itself or into a merged ticket → 422.',
        params: ticketParams,
        body: {
          type: 'object',
          properties: {
            into: { type: 'string', minLength: 1, maxLength: 60, description: 'id or ticket number' },
          },
          required: ['into'],
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              ticket_number: { type: 'string', description: 'the merged (closed) ticket' },
              into_ticket_number: { type: 'string' },
              into_ticket_id: { type: 'integer' },
              messages_moved: { type: 'integer' },
              attachments_moved: { type: 'integer' },
            },
            required: [
              'ticket_number',
              'into_ticket_number',
              'into_ticket_id',
              'messages_moved',
              'attachments_moved',
            ],
          },
        },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const actor = ticketActorOf(request.principal);
      const result = await inWorkspace(deps.db, ws.id, (tx) =>
        mergeTicket(
          { tx, workspaceId: ws.id, actor, now: deps.now(), hooks },
          request.params.id,
          request.body.into,
        ),
      );
      return {
        ticket_number: result.ticket.ticket_number,
        into_ticket_number: result.into.ticket_number,
        into_ticket_id: result.into.id,
        messages_moved: result.messagesMoved,
        attachments_moved: result.attachmentsMoved,
      };
    },
  );
}
