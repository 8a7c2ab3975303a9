/**
 * /api/support/admin/webhooks/: admins manage outbound webhook subscriptions, read their delivery logs and
 * redeliver. Everything here is admin-only; another workspace's ids answer 404.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { staffOf, workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { DEFAULT_LIMIT } from '../../platform/pagination.js';
import { listDeliveries, redeliver } from './deliveries.js';
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  getSubscriptionSecret,
  listSubscriptions,
  updateSubscription,
  type WebhookContext,
} from './manage-subscriptions.js';
import * as s from './schema.js';
import { checkSubscriptionInput, type SubscriptionInput } from './subscription-input.js';

const BASE = '/api/support/admin/webhooks/';
const PAYLOAD_DOCS =
  'Each event is POSTed as JSON `{id, type, created_at, workspace, subject, actor, data, message?}` with ' +
  'headers X-Bfg2-Event, X-Bfg2-Delivery and `X-Bfg2-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`. ' +
  'A non-2xx answer, a timeout (10 s) or a refused target is retried after 10 s, 30 s, 90 s … (×3, at most 4 h) ' +
  'for 24 h; deliveries about one ticket go out in order. Redirects are not followed.';

interface Query {
  limit?: number;
  cursor?: string;
  status?: string;
}
type IdParams = { id: number };
type DeliveryParams = { id: number; deliveryId: number };

/** Registers the webhook admin routes. */
export async function webhookRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const policy = { allowPrivateTargets: deps.config.webhookAllowPrivateTargets };
  const run = <T>(request: FastifyRequest, fn: (ctx: WebhookContext) => Promise<T>) => {
    const ws = workspaceOf(request);
    const userId = staffOf(request).userId;
    return inWorkspace(deps.db, ws.id, (tx) => fn({ tx, workspaceId: ws.id, userId }));
  };
  const admin = { access: 'admin' } as const;

  app.get<{ Querystring: Query }>(
    BASE,
    {
      config: admin,
      schema: {
        tags: s.TAGS,
        summary: 'Webhook subscriptions',
        querystring: s.listQuery,
        response: { 200: s.subscriptionPage },
      },
    },
    (request) =>
      run(request, (ctx) =>
        listSubscriptions(ctx, {
          limit: request.query.limit ?? DEFAULT_LIMIT,
          ...(request.query.cursor ? { cursor: request.query.cursor } : {}),
        }),
      ),
  );

  app.post<{ Body: SubscriptionInput & { url: string; event_types: string[] } }>(
    BASE,
    {
      // The secret is in this answer (and GET …/secret/); an Idempotency-Key replay answers without it.
      config: { ...admin, idempotent: true, idempotencyRedact: ['secret'] },
      schema: {
        tags: s.TAGS,
        summary: 'Create a webhook subscription',
        description: `The URL must be http(s) and resolve only to public addresses (unless the install sets WEBHOOK_ALLOW_PRIVATE_TARGETS), else 400. ${PAYLOAD_DOCS}`,
        body: s.createSubscriptionBody,
        response: { 201: s.createdSubscriptionSchema },
      },
    },
    async (request, reply) => {
      const input = await checkSubscriptionInput(request.body, policy);
      return reply.status(201).send(await run(request, (ctx) => createSubscription(ctx, input)));
    },
  );

  app.get<{ Params: IdParams }>(
    `${BASE}:id/`,
    {
      config: admin,
      schema: {
        tags: s.TAGS,
        summary: 'One webhook subscription',
        params: s.subscriptionParams,
        response: { 200: s.subscriptionSchema },
      },
    },
    (request) => run(request, (ctx) => getSubscription(ctx, request.params.id)),
  );

  app.get<{ Params: IdParams }>(
    `${BASE}:id/secret/`,
    {
      config: admin,
      schema: {
        tags: s.TAGS,
        summary: 'The signing secret of a subscription',
        params: s.subscriptionParams,
        response: {
          200: { type: 'object', properties: { secret: { type: 'string' } }, required: ['secret'] },
        },
      },
    },
    (request) => run(request, (ctx) => getSubscriptionSecret(ctx, request.params.id)),
  );

  app.patch<{ Params: IdParams; Body: SubscriptionInput & { rotate_secret?: boolean } }>(
    `${BASE}:id/`,
    {
      config: admin,
      schema: {
        tags: s.TAGS,
        summary: 'Change a webhook subscription (omitted = unchanged)',
        params: s.subscriptionParams,
        body: s.updateSubscriptionBody,
        response: { 200: s.subscriptionSchema },
      },
    },
    async (request) => {
      const input = await checkSubscriptionInput(request.body, policy);
      return run(request, (ctx) => updateSubscription(ctx, request.params.id, input));
    },
  );

  app.delete<{ Params: IdParams }>(
    `${BASE}:id/`,
    {
      config: admin,
      schema: {
        tags: s.TAGS,
        summary: 'Delete a webhook subscription and its delivery log',
        params: s.subscriptionParams,
        response: { 204: { type: 'null', description: 'Deleted' } },
      },
    },
    async (request, reply) => {
      await run(request, (ctx) => deleteSubscription(ctx, request.params.id));
      return reply.status(204).send();
    },
  );

  app.get<{ Params: IdParams; Querystring: Query }>(
    `${BASE}:id/deliveries/`,
    {
      config: admin,
      schema: {
        tags: s.TAGS,
        summary: 'The delivery log of a subscription, newest first',
        params: s.subscriptionParams,
        querystring: s.deliveryListQuery,
        response: { 200: s.deliveryPage },
      },
    },
    (request) =>
      run(request, (ctx) =>
        listDeliveries(ctx, request.params.id, {
          limit: request.query.limit ?? DEFAULT_LIMIT,
          ...(request.query.cursor ? { cursor: request.query.cursor } : {}),
          ...(request.query.status ? { status: request.query.status } : {}),
        }),
      ),
  );

  app.post<{ Params: DeliveryParams }>(
    `${BASE}:id/deliveries/:deliveryId/redeliver/`,
    {
      config: admin,
      schema: {
        tags: s.TAGS,
        summary: 'Send a finished delivery again (same body, fresh signature, new 24 h of retries)',
        description: '409 CONFLICT while the delivery is still pending or being delivered.',
        params: s.deliveryParams,
        response: { 202: s.deliverySchema },
      },
    },
    async (request, reply) => {
      const view = await run(request, (ctx) =>
        redeliver({ ...ctx, jobs: deps.jobs, now: deps.now() }, request.params.id, request.params.deliveryId),
      );
      return reply.status(202).send(view);
    },
  );
}
