/** GET /api/support/tickets/{id}/attachments/{attachmentId}/: download one attachment. */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { notFound } from '../../platform/errors.js';
import { ticketActorOf } from '../tickets/index.js';
import { downloadHeaders } from './download-headers.js';
import { findVisibleAttachment } from './find-attachment.js';
import { attachmentParams } from './schema.js';

/**
 * Documents the file: its type is the one sniffed from the content at upload, so any. The body is a
 * stream, which Fastify never serialises, so this schema only documents.
 */
const downloadResponse = {
  description:
    'The file, with the type sniffed from its content at upload (raster images inline, anything else as ' +
    'an attachment); Content-Disposition carries the file name',
  content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
} as const;

/** The attachment routes (uploads ride on the ticket and reply routes; see receive-uploads.ts). */
export async function attachmentRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  app.get<{ Params: { id: string; attachmentId: number } }>(
    '/api/support/tickets/:id/attachments/:attachmentId/',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['tickets'],
        summary: 'Download an attachment of a ticket (as a file; raster images inline)',
        params: attachmentParams,
        response: { 200: downloadResponse },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const actor = ticketActorOf(request.principal);
      const file = await inWorkspace(deps.db, ws.id, (tx) =>
        findVisibleAttachment(tx, ws.id, request.params.id, request.params.attachmentId, actor),
      );
      if (!(await deps.storage.exists(file.file))) {
        request.log.error({ attachmentId: file.id }, 'attachment content missing from storage');
        throw notFound('attachment content');
      }
      const size = await deps.storage.size(file.file);
      return reply.headers(downloadHeaders(file, size)).send(deps.storage.openRead(file.file));
    },
  );
}
