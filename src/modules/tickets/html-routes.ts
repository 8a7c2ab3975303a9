/**
 * GET /api/support/tickets/{id}/messages/{messageId}/html and …/description/html: the sanitised HTML
 * part of the mail that became the message (or opened the ticket), for staff, as a document that can only render — the CSP sandboxes it (no
 * scripts, forms or plugins; nothing loaded from elsewhere) and the desk shows it in a sandboxed iframe.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inWorkspace, type Tx } from '../../db/tenant.js';
import { workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { notFound } from '../../platform/errors.js';
import { ticketActorOf } from './actor.js';
import { descriptionHtml, messageHtml } from './html-messages.js';
import { loadVisibleTicket } from './load-ticket.js';

type HtmlRead = (tx: Tx, workspaceId: number, ticketId: number) => Promise<string | null>;

/** allow-same-origin lets the desk size the frame and load inline images with the agent's session. */
export const MAIL_HTML_CSP = [
  'sandbox allow-same-origin allow-popups allow-popups-to-escape-sandbox',
  "default-src 'none'",
  "img-src 'self' data:",
  "style-src 'unsafe-inline'",
  "frame-ancestors 'self'",
].join('; ');

const STYLE =
  'body{margin:0;padding:.25rem;font:15px/1.45 system-ui,sans-serif;color:#1c2333;background:#fff;' +
  'overflow-wrap:anywhere}img{max-width:100%;height:auto}table{max-width:100%}';

/** The mail's HTML in a document of its own (links open in a new tab). */
export function mailDocument(html: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><base target="_blank"><style>${STYLE}</style></head><body>${html}</body></html>`;
}

const ticketRef = {
  type: 'string',
  pattern: '^[A-Za-z0-9-]{1,40}$',
  description: 'ticket id or number',
} as const;

/** The document of `html` with the sandboxing headers, or 404 when there is none. */
function sendMail(reply: FastifyReply, html: string | null) {
  if (html === null) throw notFound('message HTML');
  return reply
    .header('content-security-policy', MAIL_HTML_CSP)
    .header('cache-control', 'private, no-store')
    .header('referrer-policy', 'no-referrer')
    .type('text/html; charset=utf-8')
    .send(mailDocument(html));
}

export async function messageHtmlRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  /** Runs `read` on the ticket the staff member may see (404 otherwise). */
  const onTicket = (request: FastifyRequest<{ Params: { id: string } }>, read: HtmlRead) => {
    const ws = workspaceOf(request);
    const actor = ticketActorOf(request.principal);
    return inWorkspace(deps.db, ws.id, async (tx) => {
      const ticket = await loadVisibleTicket(tx, ws.id, request.params.id, actor);
      return read(tx, ws.id, ticket.id);
    });
  };
  const response = { 200: { type: 'string', description: 'text/html' } } as const;

  app.get<{ Params: { id: string; messageId: number } }>(
    '/api/support/tickets/:id/messages/:messageId/html',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['tickets'],
        summary: 'The HTML part of a mailed message, sanitised, as a sandboxed document (staff only)',
        description:
          'Only for messages with `has_html`; others → 404. Served with a sandboxing Content-Security-Policy.',
        params: {
          type: 'object',
          properties: { id: ticketRef, messageId: { type: 'integer', minimum: 1, maximum: 2147483647 } },
          required: ['id', 'messageId'],
        },
        response,
      },
    },
    async (request, reply) =>
      sendMail(
        reply,
        await onTicket(request, (tx, ws, id) => messageHtml(tx, ws, id, request.params.messageId)),
      ),
  );

  app.get<{ Params: { id: string } }>(
    '/api/support/tickets/:id/description/html',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['tickets'],
        summary: 'The HTML part of the mail that opened the ticket, sanitised, as a sandboxed document',
        description: 'Only when the ticket has `description_has_html`; otherwise → 404. Staff only.',
        params: { type: 'object', properties: { id: ticketRef }, required: ['id'] },
        response,
      },
    },
    async (request, reply) => sendMail(reply, await onTicket(request, descriptionHtml)),
  );
}
