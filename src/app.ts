/**
 * buildApp(deps): the HTTP application with every plugin and module registered. It does not listen;
 * server.ts does, and tests use app.inject().
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { healthRoutes } from './modules/health/routes.js';
import { helpCentreRoutes } from './modules/kb/site/routes.js';
import { registerAuthentication } from './platform/auth/authenticate.js';
import type { AppDeps } from './platform/deps.js';
import { registerErrorHandling } from './platform/http/error-handler.js';
import { serializerFactory } from './platform/http/error-responses.js';
import { registerIdempotency } from './platform/http/idempotency.js';
import { registerMetrics } from './platform/http/metrics.js';
import { authRoutes } from './modules/auth/routes.js';
import { attachmentRoutes } from './modules/attachments/routes.js';
import { assignmentRoutes } from './modules/assignment/routes.js';
import { categoryRoutes } from './modules/categories/routes.js';
import { priorityRoutes } from './modules/priorities/routes.js';
import { slaRoutes } from './modules/sla/routes.js';
import { ticketSlaRoutes } from './modules/sla/ticket-sla-routes.js';
import { teamRoutes } from './modules/teams/routes.js';
import { messageRoutes } from './modules/messages/routes.js';
import { tagRoutes } from './modules/tags/routes.js';
import { templateRoutes } from './modules/templates/routes.js';
import { historyRoutes } from './modules/tickets/history-routes.js';
import { workspaceRoutes } from './modules/workspaces/routes.js';
import { ticketRoutes } from './modules/tickets/routes.js';
import { kbAdminRoutes } from './modules/kb/admin-routes.js';
import { kbRoutes } from './modules/kb/routes.js';
import { messageSchema, ticketSchema } from './modules/tickets/schema.js';

const WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const loggerInstance: FastifyBaseLogger = deps.log;
  const app: FastifyInstance = Fastify({
    loggerInstance,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    schemaController: { compilersFactory: { buildSerializer: serializerFactory() } },
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: 'array',
        allErrors: true,
        allowUnionTypes: true,
      },
    },
  });

  // Deny by default: every API route must declare who may call it.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.url.startsWith('/api/docs') && !route.config?.access) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access rule`);
    }
  });

  registerErrorHandling(app);
  await app.register(cookie);
  // Parsed only by routes that take files (modules/attachments/receive-uploads.ts), within their limits.
  await app.register(multipart);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'bfg2-support API',
        version: '0.1.0',
        description:
          'Customer support: tickets, SLAs, routing, knowledge base. Errors are application/problem+json.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'bfg2_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerAuthentication(app, deps.db, deps.config.sessionSecret, deps.now);
  registerIdempotency(app, deps);
  registerMetrics(app);

  // Shared response schemas, referenced by $id from several modules.
  app.addSchema(ticketSchema);
  app.addSchema(messageSchema);

  healthRoutes(app, deps);
  await app.register(authRoutes, { deps });
  await app.register(ticketRoutes, { deps });
  await app.register(messageRoutes, { deps });
  await app.register(assignmentRoutes, { deps });
  await app.register(historyRoutes, { deps });
  await app.register(workspaceRoutes, { deps });
  await app.register(templateRoutes, { deps });
  await app.register(tagRoutes, { deps });
  await app.register(categoryRoutes, { deps });
  await app.register(priorityRoutes, { deps });
  await app.register(teamRoutes, { deps });
  await app.register(slaRoutes, { deps });
  await app.register(ticketSlaRoutes, { deps });
  await app.register(attachmentRoutes, { deps });
  await app.register(kbRoutes, { deps });
  await app.register(kbAdminRoutes, { deps });
  await app.register(helpCentreRoutes, { deps, prefix: '/kb' });

  if (existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false });
    // The SPA's client-side routes: the customer screens under /app, the agent desk under /desk.
    for (const url of ['/app', '/app/*', '/desk', '/desk/*']) {
      app.get(url, { config: { access: 'public' }, schema: { hide: true } }, (_req, reply) =>
        reply.sendFile('index.html'),
      );
    }
  }
  return app;
}
