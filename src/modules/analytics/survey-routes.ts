/**
 * /survey/{token}: the page an emailed survey link opens (GET, records nothing) and its form (POST, records
 * the rating with the seed's rate rules). No login: the signed token names the one ticket it may rate.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { markAsFormFields } from '../../platform/http/validator-factory.js';
import { rateTicket } from '../tickets/index.js';
import { problemPage, surveyPage, thanksPage } from './survey-page.js';
import { readSurveyToken, type SurveyClaims } from './survey-token.js';

const params = {
  type: 'object',
  required: ['token'],
  properties: { token: { type: 'string', maxLength: 100 } },
} as const;

export async function surveyRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const config = { access: 'public' as const, skipCsrf: true };
  const html = (reply: FastifyReply, status: number, body: string) =>
    reply
      .status(status)
      .header('Cache-Control', 'no-store')
      .header('Referrer-Policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(body);

  // The page's form posts url-encoded fields; only this plugin accepts them.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16_384 },
    (_request, body, done) =>
      done(null, markAsFormFields(Object.fromEntries(new URLSearchParams(String(body))))),
  );

  app.setErrorHandler((err: Error, _request, reply) => {
    if (err instanceof AppError) {
      const status = err.code === 'RULE_VIOLATION' ? 422 : err.status;
      return html(reply, status, problemPage('This rating could not be recorded', err.detail));
    }
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status < 500)
      return html(reply, status, problemPage('Invalid request', 'Please use the link from your email.'));
    deps.log.error({ err }, 'survey page failed');
    return html(reply, 500, problemPage('Something went wrong', 'Please try again later.'));
  });

  const claimsOf = (token: string): SurveyClaims => {
    const check = readSurveyToken(deps.config.sessionSecret, token, deps.now());
    if (check.ok) return check.claims;
    if (check.reason === 'expired') throw new AppError('RULE_VIOLATION', 'This survey link has expired.');
    throw new AppError('NOT_FOUND', 'This survey link is not valid.');
  };

  app.get<{ Params: { token: string }; Querystring: { rating?: number } }>(
    '/survey/:token',
    {
      config,
      schema: {
        hide: true,
        params,
        querystring: {
          type: 'object',
          properties: { rating: { type: 'integer', minimum: 1, maximum: 5 } },
        },
      },
    },
    async (request, reply) => {
      const claims = claimsOf(request.params.token);
      const ticket = await inWorkspace(deps.db, claims.workspaceId, (tx) =>
        tx
          .selectFrom('support_tickets as t')
          .innerJoin('workspaces as w', 'w.id', 't.workspace_id')
          .select([
            't.ticket_number',
            't.subject',
            't.satisfaction_rating',
            't.satisfaction_comment',
            'w.name as workspace_name',
          ])
          .where('t.workspace_id', '=', claims.workspaceId)
          .where('t.id', '=', claims.ticketId)
          .executeTakeFirst(),
      );
      if (!ticket) throw new AppError('NOT_FOUND', 'This survey link is not valid.');
      const action = `/survey/${encodeURIComponent(request.params.token)}`;
      return html(reply, 200, surveyPage(ticket, action, request.query.rating ?? null));
    },
  );

  app.post<{ Params: { token: string }; Body: { rating: number; comment?: string } }>(
    '/survey/:token',
    {
      config,
      schema: {
        hide: true,
        params,
        body: {
          type: 'object',
          required: ['rating'],
          properties: {
            // Form fields are strings: coerced like query strings (validator-factory.ts).
            rating: { type: 'integer', minimum: 1, maximum: 5 },
            comment: { type: 'string', maxLength: 2000 },
          },
        },
      },
    },
    async (request, reply) => {
      const claims = claimsOf(request.params.token);
      const rating = Number(request.body.rating);
      await inWorkspace(deps.db, claims.workspaceId, async (tx) => {
        const ticket = await tx
          .selectFrom('support_tickets')
          .select(['id', 'customer_id'])
          .where('workspace_id', '=', claims.workspaceId)
          .where('id', '=', claims.ticketId)
          .executeTakeFirst();
        if (!ticket) throw new AppError('NOT_FOUND', 'This survey link is not valid.');
        await rateTicket(
          {
            tx,
            workspaceId: claims.workspaceId,
            actor: { kind: 'customer', customerId: ticket.customer_id },
            now: deps.now(),
          },
          ticket.id,
          { rating, ...(request.body.comment !== undefined ? { comment: request.body.comment } : {}) },
        );
      });
      return html(reply, 200, thanksPage(rating));
    },
  );
}
