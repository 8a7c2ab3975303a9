/** The structured logger (pino). Fastify uses the same instance, adding request ids to its lines. */
import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config.js';

export type { Logger };

export function createLogger(level: LogLevel): Logger {
  // Asynchronous writes to stdout: lines logged while a write is in flight go out together in the next
  // one, instead of one blocking write(2) per line on the request path. pino flushes what is buffered when
  // the process exits.
  const destination = pino.destination({ dest: 1, sync: false });
  return pino({ level, base: { service: 'bfg2-support' } }, destination);
}
