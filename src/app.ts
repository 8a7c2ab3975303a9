/**
 * buildApp(deps): the HTTP application with every plugin and module registered. It does not listen;
 * server.ts does, and tests use app.inject().
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { healthRoutes } from './modules/health/index.js';
import { helpCentreRoutes, kbAdminRoutes, kbRoutes } from './modules/kb/index.js';
import { registerAuthentication } from './platform/auth/authenticate.js';
import type { AppDeps } from './platform/deps.js';
import {
  clientErrorHandler,
  frameworkErrors,
  MAX_PARAM_LENGTH,
  registerErrorHandling,
} from './platform/http/error-handler.js';
import { registerStorableTextGuard } from './platform/http/storable-text.js';
import { validatorFactory } from './platform/http/validator-factory.js';
import { serializerFactory } from './platform/http/error-responses.js';
import { registerIdempotency } from './platform/http/idempotency.js';
import { registerMetrics } from './platform/http/metrics.js';
import { registerEventPosition } from './platform/http/event-position.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { registerWebApp } from './platform/http/web-app.js';
import { authRoutes } from './modules/auth/index.js';
import { tokenRoutes } from './modules/tokens/index.js';
import { staffRoutes } from './modules/staff/index.js';
import { attachmentRoutes } from './modules/attachments/index.js';
import { assignmentRoutes } from './modules/assignment/index.js';
import { categoryRoutes } from './modules/categories/index.js';
import { priorityRoutes } from './modules/priorities/index.js';
import { slaRoutes, ticketSlaRoutes } from './modules/sla/index.js';
import { teamRoutes } from './modules/teams/index.js';
import { messageRoutes } from './modules/messages/index.js';
import { tagRoutes } from './modules/tags/index.js';
import { templateRoutes } from './modules/templates/index.js';
import {
  duplicateRoutes,
  historyRoutes,
  messageHtmlRoutes,
  messageSchema,
  ticketRoutes,
  ticketSchema,
} from './modules/tickets/index.js';
import { workspaceRoutes } from './modules/workspaces/index.js';
import {
  channelSettingsRoutes,
  chatRoutes,
  phoneRoutes,
  webChannelRoutes,
  webhookIntakeRoutes,
} from './modules/channels/index.js';
import { ticketHooks } from './ticket-hooks.js';
import { liveRoutes } from './modules/live/index.js';
import { notificationRoutes } from './modules/notifications/index.js';
import { savedViewRoutes } from './modules/saved-views/index.js';
import { webhookOpenApi, webhookRoutes } from './modules/webhooks/index.js';
import { outboundMailRoutes } from './modules/email/index.js';
import { exportRoutes, statsRoutes, surveyRoutes, surveySettingsRoutes } from './modules/analytics/index.js';
import { eventSchemaComponents } from './platform/events/openapi.js';
import { inboundEmailRoutes, mailboxRoutes, secretBox } from './modules/email/index.js';
import { resolveMailSecretKey } from './config.js';
import { accessLogController } from './platform/http/access-log.js';

const WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));
// The chat widget (scripts/bundle.mjs builds it beside the server bundle: dist/widget.js).
const WIDGET_FILE = fileURLToPath(new URL('../dist/widget.js', import.meta.url));

export interface BuildOptions {
  /**
   * Compile every route's validators and serializers before listening instead of on each route's first
   * use (a test does, so that a broken schema fails there and not on a customer's first request).
   */
  compileSchemasAtStart?: boolean;
}

export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const eager = options.compileSchemasAtStart === true;
  const loggerInstance: FastifyBaseLogger = deps.log;
  const app: FastifyInstance = Fastify({
    loggerInstance,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // One line per request instead of two (access-log.ts).
    logController: accessLogController(),
    frameworkErrors,
    clientErrorHandler,
    // Bodies are validated without type coercion, query strings and path parameters with it.
    schemaController: {
      compilersFactory: {
        buildSerializer: serializerFactory({ eager }),
        buildValidator: validatorFactory({ eager }),
      },
    },
    ajv: {
      customOptions: {
        removeAdditional: false,
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
  registerStorableTextGuard(app);
  await app.register(cookie);
  // Parsed only by routes that take files (modules/attachments/receive-uploads.ts), within their limits.
  await app.register(multipart);
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // https: for the workspace logo (admin console → branding), which is an https URL.
        imgSrc: ["'self'", 'data:', 'https:'],
        // Over plain HTTP (a LAN name or IP) the upgrade would rewrite the SPA's scripts to https and break it.
        upgradeInsecureRequests: deps.config.publicUrl.startsWith('https:') ? [] : null,
      },
    },
  });
  registerEventPosition(app, deps.realtime);
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
        // The event catalogue: each event type's payload schema, named after the type (stream, webhooks).
        schemas: eventSchemaComponents(),
      },
      security: [{ bearer: [] }, { session: [] }],
      // What integrators receive: one signed POST per event type (OpenAPI 3.1 webhooks).
      webhooks: webhookOpenApi(),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerAuthentication(app, deps.db, deps.config.sessionSecret, deps.now);
  registerIdempotency(app, deps);
  const metrics = registerMetrics(app, deps.config.metricsToken);

  // Shared response schemas, referenced by $id from several modules.
  app.addSchema(ticketSchema);
  app.addSchema(messageSchema);

  healthRoutes(app, deps);
  await app.register(authRoutes, { deps });
  await app.register(tokenRoutes, { deps });
  await app.register(staffRoutes, { deps });
  const hooks = ticketHooks();
  await app.register(ticketRoutes, { deps, hooks });
  await app.register(webChannelRoutes, { deps, hooks });
  await app.register(messageRoutes, { deps, hooks });
  await app.register(assignmentRoutes, { deps });
  await app.register(historyRoutes, { deps });
  await app.register(messageHtmlRoutes, { deps });
  await app.register(duplicateRoutes, { deps, hooks });
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
  await app.register(webhookRoutes, { deps });
  await app.register(notificationRoutes, { deps });
  await app.register(outboundMailRoutes, { deps });
  await app.register(savedViewRoutes, { deps });
  const mailSecrets = secretBox(resolveMailSecretKey(deps.config));
  await app.register(mailboxRoutes, { deps, secrets: mailSecrets });
  await app.register(inboundEmailRoutes, { deps, hooks });
  await app.register(helpCentreRoutes, { deps, prefix: '/kb' });
  await app.register(liveRoutes, { deps, metrics });
  await app.register(chatRoutes, { deps, hooks, widgetFile: WIDGET_FILE });
  await app.register(phoneRoutes, { deps, hooks });
  await app.register(webhookIntakeRoutes, { deps, hooks });
  await app.register(channelSettingsRoutes, { deps });
  await app.register(statsRoutes, { deps });
  await app.register(exportRoutes, { deps });
  await app.register(surveySettingsRoutes, { deps });
  await app.register(surveyRoutes, { deps });

  if (existsSync(WEB_DIST)) await registerWebApp(app, WEB_DIST);
  return app;
}
