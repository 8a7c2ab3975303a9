/**
 * Admins' view of stored inbound mail under /api/support/admin/inbound-emails/: the list (filter
 * `status=failed` for mail that could not be processed), one mail, and a retry of a failed one.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { InboundEmail } from '../../../db/schema.js';
import { inWorkspace, type Tx } from '../../../db/tenant.js';
import { workspaceOf } from '../../../platform/auth/access.js';
import type { AppDeps } from '../../../platform/deps.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { decodeCursor, DEFAULT_LIMIT, pageOf } from '../../../platform/pagination.js';
import type { TicketHooks } from '../../tickets/index.js';
import * as s from './inbound-schema.js';
import { processInboundEmail } from './process-inbound.js';
import { readRaw, readRawHead } from './raw-view.js';

const BASE = '/api/support/admin/inbound-emails/';
const tags = ['admin: inbound mail'];

type Summary = Omit<InboundEmail, 'raw'> & { size: number };

const COLUMNS = [
  'id',
  'workspace_id',
  'message_id',
  'mailbox',
  'mailbox_id',
  'source',
  'status',
  'classification',
  'error',
  'attempts',
  'ticket_id',
  'message_row_id',
  'received_at',
  'processed_at',
  'html_body',
  'folded_text',
  'envelope_to',
] as const;

function present(r: Summary) {
  return {
    id: r.id,
    message_id: r.message_id,
    mailbox: r.mailbox_id,
    mailbox_address: r.mailbox,
    source: r.source,
    status: r.status,
    classification: r.classification,
    error: r.error,
    attempts: r.attempts,
    ticket: r.ticket_id,
    message: r.message_row_id,
    size: Number(r.size),
    received_at: r.received_at.toISOString(),
    processed_at: r.processed_at?.toISOString() ?? null,
    html_body: r.html_body,
    folded_text: r.folded_text,
  };
}

async function findSummary(tx: Tx, workspaceId: number, id: number): Promise<Summary> {
  const row = await tx
    .selectFrom('inbound_emails')
    .select([...COLUMNS, sql<number>`octet_length(raw)`.as('size')])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('inbound email');
  return row;
}

export async function inboundEmailRoutes(
  app: FastifyInstance,
  opts: { deps: AppDeps; hooks: TicketHooks },
): Promise<void> {
  const { deps, hooks } = opts;
  app.get(
    BASE,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Stored inbound mail, newest first (status=failed: mail that could not be processed)',
        querystring: s.listInboundQuery,
        response: { 200: s.inboundPageSchema, ...s.inboundProblems },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const q = request.query as {
        limit?: number;
        cursor?: string;
        status?: InboundEmail['status'];
        classification?: InboundEmail['classification'];
      };
      const limit = q.limit ?? DEFAULT_LIMIT;
      const cursor = decodeCursor(q.cursor);
      const rows = await inWorkspace(deps.db, ws.id, (tx) => {
        let query = tx
          .selectFrom('inbound_emails')
          .select([...COLUMNS, sql<number>`octet_length(raw)`.as('size')])
          .where('workspace_id', '=', ws.id);
        if (q.status) query = query.where('status', '=', q.status);
        if (q.classification) query = query.where('classification', '=', q.classification);
        if (cursor) query = query.where('id', '<', cursor.id);
        return query
          .orderBy('id', 'desc')
          .limit(limit + 1)
          .execute();
      });
      return pageOf(rows, limit, (r) => r.id, present);
    },
  );

  app.get(
    `${BASE}:id/`,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'One stored inbound mail, with its sanitised HTML and folded quote',
        params: s.inboundEmailParams,
        response: { 200: s.inboundEmailDetailSchema, ...s.inboundProblems },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const { id } = request.params as { id: number };
      return inWorkspace(deps.db, ws.id, async (tx) => ({
        ...present(await findSummary(tx, ws.id, id)),
        ...(await readRawHead(tx, ws.id, id)),
      }));
    },
  );

  app.get(
    `${BASE}:id/raw/`,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'The stored mail exactly as it arrived (message/rfc822, to open in a mail client)',
        description: 'Sent as an attachment named inbound-<id>.eml, whatever the mail calls itself.',
        params: s.inboundEmailParams,
        response: { 200: s.rawMailResponse, ...s.inboundProblems },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const { id } = request.params as { id: number };
      const raw = await inWorkspace(deps.db, ws.id, (tx) => readRaw(tx, ws.id, id));
      // The file name is ours (the id), never the mail's: nothing from outside reaches the header.
      return reply
        .header('content-type', 'message/rfc822')
        .header('content-disposition', `attachment; filename="inbound-${id}.eml"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(raw);
    },
  );

  app.post(
    `${BASE}:id/retry/`,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Process a failed inbound mail again',
        description: 'Only failed mail (422 otherwise). Answers with the mail as processing left it.',
        params: s.inboundEmailParams,
        response: { 200: s.inboundEmailDetailSchema, ...s.inboundProblems, 422: { $ref: 'Problem#' } },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const { id } = request.params as { id: number };
      await inWorkspace(deps.db, ws.id, async (tx) => {
        const row = await findSummary(tx, ws.id, id);
        if (row.status !== 'failed')
          throw new AppError('RULE_VIOLATION', `this mail is ${row.status}, not failed`);
        await tx
          .updateTable('inbound_emails')
          .set({ status: 'received', error: '' })
          .where('workspace_id', '=', ws.id)
          .where('id', '=', id)
          .execute();
      });
      await processInboundEmail(
        { db: deps.db, storage: deps.storage, now: deps.now, hooks, limits: deps.config },
        ws.id,
        id,
      );
      return present(await inWorkspace(deps.db, ws.id, (tx) => findSummary(tx, ws.id, id)));
    },
  );
}
