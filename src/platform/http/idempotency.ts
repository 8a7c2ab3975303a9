/**
 * Idempotency-Key on creating POSTs (routes with config.idempotent): the same key from the same principal
 * within 24 h replays the first answer and creates nothing new. The key is claimed before the handler
 * runs, so two concurrent retries cannot both create; a claim whose handler failed with a 5xx is dropped
 * so the client can retry.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { inWorkspace } from '../../db/tenant.js';
import type { JsonValue } from '../../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';

const TTL_HOURS = 24;

interface Claim {
  workspaceId: number;
  principal: string;
  key: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyClaim: Claim | null;
  }
}

function principalKey(request: FastifyRequest): string {
  const p = request.principal;
  if (!p) return `anonymous:${request.ip}`;
  return p.kind === 'staff' ? `user:${p.userId}` : `customer:${p.customerId}`;
}

function requestHash(request: FastifyRequest): string {
  const multipart = (request.headers['content-type'] ?? '').startsWith('multipart/');
  const body = multipart ? '' : JSON.stringify(request.body ?? null);
  return createHash('sha256').update(`${request.method} ${request.url}\n${body}`).digest('hex');
}

export function registerIdempotency(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('idempotencyClaim', null);

  app.addHook('preHandler', async (request, reply) => {
    const header = request.headers['idempotency-key'];
    if (!request.routeOptions.config.idempotent || typeof header !== 'string' || !request.workspace) return;
    const key = header.trim();
    if (key.length === 0 || key.length > 255) {
      throw new AppError('VALIDATION_FAILED', 'Idempotency-Key must be 1 to 255 characters');
    }
    const claim: Claim = { workspaceId: request.workspace.id, principal: principalKey(request), key };
    const hash = requestHash(request);
    const now = deps.now();
    const outcome = await inWorkspace(deps.db, claim.workspaceId, async (tx) => {
      // One statement claims the key: a new row, or the row of an expired key of this principal taken
      // over (an old key can be used again); a live key is left alone and returns nothing.
      const inserted = await tx
        .insertInto('idempotency_keys')
        .values({
          workspace_id: claim.workspaceId,
          principal: claim.principal,
          key,
          request_hash: hash,
          created_at: now,
        })
        .onConflict((oc) =>
          oc
            .columns(['workspace_id', 'principal', 'key'])
            .doUpdateSet({ request_hash: hash, created_at: now, status_code: null, response_body: null })
            .where('idempotency_keys.created_at', '<', new Date(now.getTime() - TTL_HOURS * 3600_000)),
        )
        .returning('key')
        .executeTakeFirst();
      if (inserted) return { claimed: true as const };
      const existing = await tx
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status_code', 'response_body'])
        .where('principal', '=', claim.principal)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      return { claimed: false as const, existing };
    });
    if (outcome.claimed) {
      request.idempotencyClaim = claim;
      return;
    }
    const { existing } = outcome;
    if (existing.request_hash !== hash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request');
    }
    if (existing.status_code === null) {
      throw new AppError(
        'IDEMPOTENCY_IN_PROGRESS',
        'the first request with this key has not finished; retry shortly',
      );
    }
    const type = existing.status_code >= 400 ? 'application/problem+json' : 'application/json';
    return reply
      .status(existing.status_code)
      .header('idempotent-replayed', 'true')
      .type(type)
      .send(existing.response_body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    request.idempotencyClaim = null;
    const status = reply.statusCode;
    await inWorkspace(deps.db, claim.workspaceId, async (tx) => {
      const where = tx
        .updateTable('idempotency_keys')
        .where('principal', '=', claim.principal)
        .where('key', '=', claim.key);
      if (status >= 500) {
        await tx
          .deleteFrom('idempotency_keys')
          .where('principal', '=', claim.principal)
          .where('key', '=', claim.key)
          .execute();
        return;
      }
      let body: JsonValue = null;
      if (typeof payload === 'string' && payload.length > 0) {
        try {
          body = JSON.parse(payload) as JsonValue;
        } catch {
          body = null;
        }
      }
      const redact = request.routeOptions.config.idempotencyRedact ?? [];
      if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
        for (const field of redact) if (field in body) body[field] = null;
      }
      await where.set({ status_code: status, response_body: sql`${JSON.stringify(body)}::jsonb` }).execute();
    });
    return payload;
  });
}
