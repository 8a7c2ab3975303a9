/**
 * SLA administration under /api/support/admin/slas/ (admins only): CRUD with holidays, PUT replace, the
 * recompute runs, the due-date calculator and the what-if simulation.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inWorkspace, type Tx } from '../../db/tenant.js';
import { staffOf, workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { registerCrudRoutes } from '../../platform/http/crud-routes.js';
import { DEFAULT_LIMIT, decodeCursor, pageOf } from '../../platform/pagination.js';
import { notFound } from '../../platform/errors.js';
import { calculateDueDate } from './calculate-due-date.js';
import { createSla, type SlaWriteContext } from './create-sla.js';
import { deleteSla } from './delete-sla.js';
import { getSla, listSlas } from './list-slas.js';
import { presentRun } from './presenter.js';
import { previewDueDates, type PreviewInput } from './preview-due-dates.js';
import * as repo from './repository.js';
import { requestRecompute } from './request-recompute.js';
import * as s from './schema.js';
import type { SlaInput } from './sla-input.js';
import { simulateSla, type SimulateInput } from './simulate-sla.js';
import { updateSla } from './update-sla.js';

const BASE = '/api/support/admin/slas/';
const tags = ['admin: slas'];

/** Registers the SLA admin routes. */
export async function slaRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const writing = (ctx: Omit<SlaWriteContext, 'jobs'>): SlaWriteContext => ({ ...ctx, jobs: deps.jobs });
  const run = <T>(
    request: FastifyRequest,
    fn: (tx: Tx, workspaceId: number, userId: number) => Promise<T>,
  ) => {
    const ws = workspaceOf(request);
    const userId = staffOf(request).userId;
    return inWorkspace(deps.db, ws.id, (tx) => fn(tx, ws.id, userId));
  };

  registerCrudRoutes<unknown, number, SlaInput & { name: string }, SlaInput, { is_active?: boolean }>(
    app,
    deps,
    {
      base: BASE,
      tag: tags[0]!,
      readAccess: 'admin',
      schemas: {
        listQuery: s.listSlasQuery,
        page: s.slaPageSchema,
        view: s.slaSchema,
        params: s.slaParams,
        createBody: s.createSlaBody,
        updateBody: s.updateSlaBody,
      },
      docs: {
        list: 'SLAs with their holidays and latest recompute, in (name, id) order',
        create: 'Create an SLA (business calendar, targets, holidays; is_default moves the default here)',
        createDescription:
          'Defaults as in the seed (24 h / 72 h, Mon–Fri 09:00–17:00) in the workspace’s time zone. The calendar ' +
          'is validated: a known IANA zone, start ≠ end (end before start = an overnight window), weekdays 1–7, ' +
          'real and unique holiday dates; else 400 with one error per field.',
        get: 'One SLA',
        update: 'Change an SLA (omitted = unchanged; holidays replace the set); open tickets are recomputed',
        updateDescription:
          'A change of targets, calendar, holidays or warning share starts an sla.recompute run over the open ' +
          'tickets on this SLA; a change of is_active or is_default one over every open ticket of the ' +
          'workspace. Its progress is latest_recompute here and GET …/recompute/.',
        remove: 'Delete an SLA',
        removeDescription:
          'Tickets and categories keep no SLA (SET NULL); open tickets are recomputed and fall back to their ' +
          'category’s SLA, the default, or none.',
      },
      list: (ctx, q) => listSlas(ctx.tx, ctx.workspaceId, q),
      get: (ctx, id) => getSla(ctx.tx, ctx.workspaceId, Number(id)),
      create: (ctx, body) => createSla(writing(ctx), body),
      update: (ctx, id, body) => updateSla(writing(ctx), id, body),
      remove: (ctx, id) => deleteSla(writing(ctx), id),
    },
  );

  app.put<{ Params: { id: number }; Body: SlaInput & { name: string } }>(
    `${BASE}:id/`,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Replace an SLA (omitted fields take their defaults, holidays included)',
        params: s.slaParams,
        body: s.replaceSlaBody,
        response: { 200: s.slaSchema },
      },
    },
    async (request) =>
      run(request, async (tx, workspaceId, userId) => {
        const ctx = writing({ tx, workspaceId, userId, now: deps.now() });
        return getSla(tx, workspaceId, await updateSla(ctx, request.params.id, request.body, 'replace'));
      }),
  );

  app.get<{ Params: { id: number }; Querystring: { limit?: number; cursor?: string } }>(
    `${BASE}:id/recompute/`,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'The SLA’s recompute runs, newest first, with their progress (total, done, changed)',
        params: s.slaParams,
        querystring: s.runsQuery,
        response: { 200: s.runPageSchema },
      },
    },
    async (request) =>
      run(request, async (tx, workspaceId) => {
        if (!(await repo.findSla(tx, workspaceId, request.params.id))) throw notFound('SLA');
        const limit = request.query.limit ?? DEFAULT_LIMIT;
        const rows = await repo.runsOf(tx, workspaceId, request.params.id, {
          limit,
          cursor: decodeCursor(request.query.cursor),
        });
        return pageOf(rows, limit, (r) => r.id, presentRun);
      }),
  );

  app.post<{ Params: { id: number } }>(
    `${BASE}:id/recompute/`,
    {
      config: { access: 'admin', idempotent: true },
      schema: {
        tags,
        summary: 'Recompute the due dates of the open tickets on this SLA now',
        params: s.slaParams,
        response: { 202: s.recomputeRunSchema },
      },
    },
    async (request, reply) => {
      const started = await run(request, async (tx, workspaceId, userId) => {
        const sla = await repo.findSla(tx, workspaceId, request.params.id);
        if (!sla) throw notFound('SLA');
        const ctx = writing({ tx, workspaceId, userId, now: deps.now() });
        return requestRecompute(ctx, { slaId: sla.id, scope: 'sla', reason: `"${sla.name}": requested` });
      });
      return reply.status(202).send(presentRun(started));
    },
  );

  app.get<{ Params: { id: number }; Querystring: { start: string; hours: string } }>(
    `${BASE}:id/due-date/`,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Due-date calculator: start + hours of business time on this SLA’s calendar',
        description:
          'A start outside business hours counts from the next opening; a due landing exactly on a closing ' +
          'time is that closing time. Bad start or hours → 400.',
        params: s.slaParams,
        querystring: s.dueDateQuery,
        response: { 200: s.dueDateSchema },
      },
    },
    async (request) =>
      run(request, (tx, workspaceId) => calculateDueDate(tx, workspaceId, request.params.id, request.query)),
  );

  app.post<{ Params: { id: number }; Body: SimulateInput }>(
    `${BASE}:id/simulate/`,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'What-if: the compliance tickets created in [from, to) would have had under this SLA',
        description:
          'Replays each ticket’s creation, first response, status history and resolution under this SLA ' +
          '(targets: the stricter of the SLA’s and the ticket priority’s hours) and reports met / breached / ' +
          'open next to the actual outcome (recorded breach flag, else the recorded due date), overall and ' +
          'per priority. Filters: priority (ids or codes), category (ids or slugs), team (ids), channel.',
        params: s.slaParams,
        body: s.simulateBody,
        response: { 200: s.simulationSchema },
      },
    },
    async (request) =>
      run(request, (tx, workspaceId) =>
        simulateSla(tx, workspaceId, request.params.id, request.body, deps.now()),
      ),
  );

  app.post<{ Params: { id: number }; Body: PreviewInput }>(
    `${BASE}:id/preview/`,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Due-date preview: when a ticket created at created_at would be due under this SLA',
        description:
          'First-response and resolution due dates of a hypothetical ticket of the given priority, on the ' +
          'ticket clock’s rules (the stricter of the SLA’s and the priority’s hours, on the SLA’s calendar). ' +
          '`changes` previews unsaved edits (holidays, hours, calendar) without saving them. Nothing is written.',
        params: s.slaParams,
        body: s.previewBody,
        response: { 200: s.previewSchema },
      },
    },
    async (request) =>
      run(request, (tx, workspaceId) => previewDueDates(tx, workspaceId, request.params.id, request.body)),
  );
}
