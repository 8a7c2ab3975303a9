/** /api/auth/tokens: a staff member lists, creates and revokes their bearer tokens. */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { staffOf, workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { DEFAULT_LIMIT, decodeCursor } from '../../platform/pagination.js';
import { issueApiToken } from './issue-api-token.js';
import { listApiTokens } from './list-api-tokens.js';
import { presentApiToken, presentIssuedApiToken } from './presenter.js';
import { revokeApiToken } from './revoke-api-token.js';
import {
  createTokenSchema,
  listTokensSchema,
  revokeTokenSchema,
  type CreateTokenBody,
  type ListTokensQuery,
  type TokenParams,
} from './schema.js';

/** Registers the token routes under /api/auth/tokens (app.ts reaches them through authRoutes). */
export async function tokenRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;

  app.get<{ Querystring: ListTokensQuery }>(
    '/api/auth/tokens',
    { config: { access: 'staff' }, schema: listTokensSchema },
    async (request) => {
      const actor = staffOf(request);
      const ws = workspaceOf(request);
      const page = await inWorkspace(deps.db, ws.id, (tx) =>
        listApiTokens(tx, {
          workspaceId: ws.id,
          userId: actor.userId,
          limit: request.query.limit ?? DEFAULT_LIMIT,
          cursor: decodeCursor(request.query.cursor),
        }),
      );
      return { results: page.results.map(presentApiToken), next_cursor: page.next_cursor };
    },
  );

  app.post<{ Body: CreateTokenBody }>(
    '/api/auth/tokens',
    {
      // The token is shown once: a replay answers the same record without it.
      config: { access: 'staff', idempotent: true, idempotencyRedact: ['token'] },
      schema: createTokenSchema,
    },
    async (request, reply) => {
      const actor = staffOf(request);
      const ws = workspaceOf(request);
      const token = await inWorkspace(deps.db, ws.id, (tx) =>
        issueApiToken(tx, {
          workspaceId: ws.id,
          userId: actor.userId,
          name: request.body.name,
          expiresInDays: request.body.expires_in_days ?? null,
          now: deps.now(),
        }),
      );
      return reply.status(201).send(presentIssuedApiToken(token));
    },
  );

  app.delete<{ Params: TokenParams }>(
    '/api/auth/tokens/:id',
    { config: { access: 'staff' }, schema: revokeTokenSchema },
    async (request, reply) => {
      const actor = staffOf(request);
      const ws = workspaceOf(request);
      await inWorkspace(deps.db, ws.id, (tx) =>
        revokeApiToken(tx, { workspaceId: ws.id, actor, tokenId: request.params.id, now: deps.now() }),
      );
      return reply.status(204).send();
    },
  );
}
