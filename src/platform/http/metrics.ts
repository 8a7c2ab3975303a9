/**
 * Prometheus metrics at /metrics: process defaults plus request counts and latencies by route. They tell
 * an outsider the routes, traffic and memory of the install, so they are served only to the bearer of
 * METRICS_TOKEN; without a token the endpoint does not exist and nothing is counted.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { safeEqual } from '../auth/secrets.js';
import { problemOf, sendProblem } from './error-handler.js';

function bearerOf(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1] ?? null;
}

/** Registers /metrics and its counting hook when `token` is set; returns the registry (null when off). */
export function registerMetrics(app: FastifyInstance, token: string | null): Registry | null {
  if (token === null) return null;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  app.get(
    '/metrics',
    { config: { access: 'public', noPrincipal: true }, schema: { hide: true } },
    async (request, reply) => {
      const sent = bearerOf(request.headers.authorization);
      if (sent === null || !safeEqual(sent, token)) {
        void reply.header('WWW-Authenticate', 'Bearer realm="metrics"');
        return sendProblem(
          reply,
          problemOf('NOT_AUTHENTICATED', 'send Authorization: Bearer <METRICS_TOKEN>'),
        );
      }
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
  return registry;
}
