/** The structured logger (pino). Fastify uses the same instance, adding request ids to its lines. */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config.js';

export type { Logger };

/** Query parameters that carry a secret: the one-time login and password links put their token there. */
const SECRET_QUERY = /([?&](?:token|password|secret)=)[^&#]*/gi;

/** A URL fit for a log line: the values of secret query parameters replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[redacted]');
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number } | null;
}

/**
 * Fastify's request serializer with the URL redacted: a followed login link
 * (GET /api/auth/customer/magic-link/consume?token=…) must not leave a working token in the logs.
 */
function serializeRequest(req: LoggedRequest) {
  return {
    method: req.method,
    url: req.url === undefined ? undefined : redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/**
 * The logger; by default it writes stdout asynchronously: lines logged while a write is in flight go out
 * together in the next one, instead of one blocking write(2) per line on the request path (pino flushes
 * what is buffered when the process exits).
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'bfg2-support' }, serializers: { req: serializeRequest } };
  if (level === 'silent') return pino(options);
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}
