/**
 * CSV exports: GET /api/support/admin/tickets/export.csv (admins; the admin list's filters) and
 * GET /api/support/stats/export.csv?table=… (admins, like the report; the report's filters). Bad filters are refused with
 * problem+json before the first byte is streamed.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { staffOf, workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { problems } from '../../platform/http/json-schema.js';
import {
  adminListQuerySchema,
  resolveAdminFilters,
  ticketActorOf,
  type AdminListQuery,
} from '../tickets/index.js';
import { csvRow } from './csv.js';
import { ticketCsv } from './export-tickets.js';
import { STATS_TABLES, statsTableRows, type StatsTable } from './stats-csv.js';
import { statsQuery } from './stats-schema.js';
import { supportStats, type StatsQuery } from './support-stats.js';

// The list's paging and sort do not apply to an export of every matching ticket.
const filterProperties = Object.fromEntries(
  Object.entries(adminListQuerySchema.properties).filter(
    ([name]) => !['limit', 'cursor', 'sort'].includes(name),
  ),
);
const csvResponse = {
  200: {
    description: 'text/csv; UTF-8 with a byte-order mark',
    content: { 'text/csv': { schema: { type: 'string' } } },
  },
};

function sendCsv(reply: FastifyReply, filename: string, body: AsyncIterable<string> | Iterable<string>) {
  return (
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'no-store')
      // Pull one page at a time: the stream asks the generator for the next page only when the socket has
      // taken the last one (Readable.from's default buffers 16 pages of 1,000 rows).
      .send(Readable.from(body, { objectMode: true, highWaterMark: 1 }))
  );
}

export async function exportRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;

  app.get<{ Querystring: AdminListQuery }>(
    '/api/support/admin/tickets/export.csv',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'All tickets matching the admin list’s filters, as CSV (streamed, formula-safe)',
        description:
          'Columns: ticket_number, subject, status, priority, category, channel, customer_email, customer_name, ' +
          'assigned_to, team, created_at, first_response_at, resolved_at, closed_at, response_due_at, ' +
          'resolution_due_at, response_breached, resolution_breached, satisfaction_rating, satisfaction_comment. ' +
          'Text cells starting with = + - @, a tab or CR are prefixed with an apostrophe.',
        querystring: { ...adminListQuerySchema, properties: filterProperties },
        response: { ...csvResponse, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const me = staffOf(request);
      const filters = await inWorkspace(deps.db, ws.id, (tx) =>
        resolveAdminFilters(tx, ws.id, me.userId, request.query),
      );
      const actor = ticketActorOf(request.principal);
      return sendCsv(reply, `tickets-${ws.slug}.csv`, ticketCsv(deps.db, ws.id, actor, filters));
    },
  );

  app.get<{ Querystring: StatsQuery & { table: StatsTable; workspace?: string } }>(
    '/api/support/stats/export.csv',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['reports'],
        summary: 'One table of the support report as CSV (series, agents, by_status, by_channel, …)',
        querystring: {
          ...statsQuery,
          required: ['table'],
          properties: {
            ...statsQuery.properties,
            table: { type: 'string', enum: [...STATS_TABLES] },
            // A download link cannot send the X-Workspace header: it may name the workspace here.
            workspace: {
              type: 'string',
              maxLength: 100,
              description: 'the workspace’s slug (as X-Workspace)',
            },
          },
        },
        response: { ...csvResponse, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const { table, ...query } = request.query; // `workspace` was used by authenticate.ts
      const stats = await supportStats(deps.db, ws, query, deps.now());
      const rows = statsTableRows(stats, table).map(csvRow);
      return sendCsv(reply, `stats-${table}-${stats.range.from}-${stats.range.to}.csv`, ['\uFEFF', ...rows]);
    },
  );
}
