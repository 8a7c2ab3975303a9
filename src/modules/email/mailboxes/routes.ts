/**
 * Admin CRUD of mailboxes under /api/support/admin/mailboxes/ (admins only, reads included: the settings
 * name servers and users), and the "test connection" action.
 */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../../db/tenant.js';
import { workspaceOf } from '../../../platform/auth/access.js';
import type { AppDeps } from '../../../platform/deps.js';
import { registerCrudRoutes } from '../../../platform/http/crud-routes.js';
import { problems } from '../../../platform/http/json-schema.js';
import { getMailbox, listMailboxes } from './list-mailboxes.js';
import { presentMailbox } from './presenter.js';
import { createMailbox, deleteMailbox, updateMailbox, type MailboxInput } from './save-mailbox.js';
import * as s from './schema.js';
import type { SecretBox } from './secret-box.js';
import { testMailboxConnection } from './test-connection.js';

const BASE = '/api/support/admin/mailboxes/';

/** Registers the mailbox admin routes. */
export async function mailboxRoutes(
  app: FastifyInstance,
  opts: { deps: AppDeps; secrets: SecretBox },
): Promise<void> {
  const { deps, secrets } = opts;
  registerCrudRoutes<unknown, number, MailboxInput & { address: string }, MailboxInput, object>(app, deps, {
    base: BASE,
    readAccess: 'admin',
    tag: 'admin: mailboxes',
    schemas: {
      listQuery: s.listMailboxesQuery,
      page: s.mailboxPageSchema,
      view: s.mailboxSchema,
      params: s.mailboxParams,
      createBody: s.createMailboxBody,
      updateBody: s.updateMailboxBody,
    },
    docs: {
      list: 'The workspace’s mailboxes, with their connection state and last error',
      create: 'Create a mailbox (address unique across the installation → 409)',
      createDescription:
        'Passwords and SMTP URLs are encrypted at rest (AES-256-GCM, key outside the database) and never ' +
        'returned; the view says only whether they are set.',
      get: 'One mailbox',
      update: 'Change a mailbox (omitted = unchanged; the address is immutable)',
      remove: 'Delete a mailbox (its tickets and stored mail stay)',
    },
    list: (ctx, q) => listMailboxes(ctx.tx, ctx.workspaceId, q),
    get: (ctx, id) => getMailbox(ctx.tx, ctx.workspaceId, Number(id)),
    create: async (ctx, body) => (await createMailbox({ ...ctx, secrets }, body)).id,
    update: async (ctx, id, body) => (await updateMailbox({ ...ctx, secrets }, id, body)).id,
    remove: (ctx, id) => deleteMailbox(ctx, id),
  });

  app.post(
    `${BASE}:id/test/`,
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin: mailboxes'],
        summary: 'Test the mailbox’s IMAP and outbound SMTP connections',
        description:
          'Logs in and records the outcome as the mailbox’s state and last error; returns the mailbox.',
        params: s.mailboxParams,
        response: { 200: s.mailboxSchema, ...problems(403, 404) },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const { id } = request.params as { id: number };
      const row = await testMailboxConnection(
        { workspaceId: ws.id, now: deps.now(), secrets, withTx: (fn) => inWorkspace(deps.db, ws.id, fn) },
        id,
      );
      return presentMailbox(row);
    },
  );
}
