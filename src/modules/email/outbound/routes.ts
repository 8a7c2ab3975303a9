/**
 * Outgoing mail over HTTP:
 * - staff: a ticket's mails (`/api/support/tickets/{id}/emails/`) and the retry of a failed one;
 *   customers are refused (403), another workspace's ticket or mail is a 404;
 * - admins: the workspace's mail templates (`/api/support/admin/mail-templates/{kind}/{language}/`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inWorkspace } from '../../../db/tenant.js';
import { staffOf, workspaceOf } from '../../../platform/auth/access.js';
import type { AppDeps } from '../../../platform/deps.js';
import { problems } from '../../../platform/http/json-schema.js';
import { DEFAULT_LIMIT } from '../../../platform/pagination.js';
import { loadVisibleTicket, ticketActorOf } from '../../tickets/index.js';
import type { MailTemplateText } from './default-templates.js';
import {
  getMailTemplate,
  listMailTemplates,
  resetMailTemplate,
  saveMailTemplate,
  type MailTemplateContext,
} from './mail-templates.js';
import { listTicketEmails, retryTicketEmail } from './outbound-mails.js';
import { previewMailTemplate } from './preview-mail-template.js';
import { MAIL_PLACEHOLDERS } from './render-mail.js';
import * as s from './schema.js';

type TicketParams = { id: string };
type EmailParams = { id: string; emailId: number };
type TemplateParams = { kind: string; language: string };

const TICKET_EMAILS = '/api/support/tickets/:id/emails/';
const TEMPLATES = '/api/support/admin/mail-templates/';

/** Registers the outgoing-mail routes. */
export async function outboundMailRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const onTicket = <T>(
    request: FastifyRequest<{ Params: TicketParams }>,
    fn: (ctx: {
      tx: Parameters<typeof loadVisibleTicket>[0];
      workspaceId: number;
      ticketId: number;
    }) => Promise<T>,
  ) => {
    const ws = workspaceOf(request);
    const actor = ticketActorOf(request.principal);
    return inWorkspace(deps.db, ws.id, async (tx) => {
      const ticket = await loadVisibleTicket(tx, ws.id, request.params.id, actor);
      return fn({ tx, workspaceId: ws.id, ticketId: ticket.id });
    });
  };

  app.get<{ Params: TicketParams; Querystring: { limit?: number; cursor?: string } }>(
    TICKET_EMAILS,
    {
      config: { access: 'staff' },
      schema: {
        tags: s.EMAIL_TAGS,
        summary: 'The mails sent (or being sent) to the customer of a ticket',
        description:
          'Acknowledgement, staff replies and the resolved notice, each with its delivery status. Staff only.',
        params: s.ticketEmailsParams,
        querystring: s.listQuery,
        response: { 200: s.outboundEmailPage, ...problems(403, 404) },
      },
    },
    (request) =>
      onTicket(request, ({ tx, workspaceId, ticketId }) =>
        listTicketEmails({ tx, workspaceId, jobs: deps.jobs }, ticketId, {
          limit: request.query.limit ?? DEFAULT_LIMIT,
          ...(request.query.cursor ? { cursor: request.query.cursor } : {}),
        }),
      ),
  );

  app.post<{ Params: EmailParams; Body: { confirm_possible_duplicate?: boolean } | null }>(
    `${TICKET_EMAILS}:emailId/retry/`,
    {
      config: { access: 'staff' },
      schema: {
        tags: s.EMAIL_TAGS,
        summary: 'Send a failed mail again',
        description:
          'Only a failed mail (409 otherwise). A mail whose sending was interrupted (needs_review) may have been delivered: 409 unless confirm_possible_duplicate is true.',
        params: s.ticketEmailParams,
        body: s.retryBody,
        response: { 200: s.outboundEmailSchema, ...problems(403, 404, 409) },
      },
    },
    (request) =>
      onTicket(request, ({ tx, workspaceId, ticketId }) =>
        retryTicketEmail(
          { tx, workspaceId, jobs: deps.jobs },
          ticketId,
          request.params.emailId,
          request.body?.confirm_possible_duplicate === true,
        ),
      ),
  );

  const asAdmin = <T>(request: FastifyRequest, fn: (ctx: MailTemplateContext) => Promise<T>) => {
    const ws = workspaceOf(request);
    const userId = staffOf(request).userId;
    return inWorkspace(deps.db, ws.id, (tx) => fn({ tx, workspaceId: ws.id, userId, now: deps.now() }));
  };
  const admin = { access: 'admin' } as const;

  app.get(
    TEMPLATES,
    {
      config: admin,
      schema: {
        tags: s.TEMPLATE_TAGS,
        summary: 'The customer-mail templates of every kind and language, as used now',
        response: { 200: s.templateList, ...problems(403) },
      },
    },
    (request) =>
      asAdmin(request, async (ctx) => ({
        results: await listMailTemplates(ctx.tx, ctx.workspaceId),
        placeholders: [...MAIL_PLACEHOLDERS],
      })),
  );

  app.get<{ Params: TemplateParams }>(
    `${TEMPLATES}:kind/:language/`,
    {
      config: admin,
      schema: {
        tags: s.TEMPLATE_TAGS,
        summary: 'One customer-mail template',
        params: s.templateParams,
        response: { 200: s.templateSchema, ...problems(403) },
      },
    },
    (request) =>
      asAdmin(request, (ctx) => getMailTemplate(ctx, request.params.kind, request.params.language)),
  );

  app.put<{ Params: TemplateParams; Body: Partial<MailTemplateText> }>(
    `${TEMPLATES}:kind/:language/`,
    {
      config: admin,
      schema: {
        tags: s.TEMPLATE_TAGS,
        summary: 'Save the workspace’s own wording of a customer mail (omitted part: unchanged)',
        description: 'An unknown {{placeholder}} or an empty part is refused (400).',
        params: s.templateParams,
        body: s.saveTemplateBody,
        response: { 200: s.templateSchema, ...problems(400, 403) },
      },
    },
    (request) =>
      asAdmin(request, (ctx) =>
        saveMailTemplate(ctx, request.params.kind, request.params.language, request.body),
      ),
  );

  app.post<{ Params: TemplateParams; Body: Partial<MailTemplateText> | null }>(
    `${TEMPLATES}:kind/:language/preview/`,
    {
      config: admin,
      schema: {
        tags: s.TEMPLATE_TAGS,
        summary: 'Render a customer-mail template for a sample ticket (the editor’s live preview)',
        description:
          'Renders the given wording (omitted part: the one in use) exactly as a real mail, placeholders filled with a sample ticket. Saves nothing; an unknown {{placeholder}} is refused (400).',
        params: s.templateParams,
        body: s.previewTemplateBody,
        response: { 200: s.templatePreview, ...problems(400, 403) },
      },
    },
    (request) =>
      asAdmin(request, (ctx) =>
        previewMailTemplate(
          { ...ctx, publicUrl: deps.config.publicUrl },
          request.params.kind,
          request.params.language,
          request.body ?? {},
        ),
      ),
  );

  app.delete<{ Params: TemplateParams }>(
    `${TEMPLATES}:kind/:language/`,
    {
      config: admin,
      schema: {
        tags: s.TEMPLATE_TAGS,
        summary: 'Go back to the default wording of a customer mail',
        params: s.templateParams,
        response: { 200: s.templateSchema, ...problems(403) },
      },
    },
    (request) =>
      asAdmin(request, (ctx) => resetMailTemplate(ctx, request.params.kind, request.params.language)),
  );
}
