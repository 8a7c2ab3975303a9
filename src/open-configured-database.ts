/** The configured database, opened with the server's logger (shared by `serve` and startServer). */
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import type { Logger } from './platform/logger.js';

/** Opens DATABASE_URL's database or the embedded one, telling log what the embedded PostgreSQL does. */
export function openConfiguredDatabase(config: Config, log: Logger): Promise<Database> {
  return openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    embeddedPort: config.embeddedPostgresPort,
    poolSize: config.databasePoolSize,
    log: (message) => log.info(message),
  });
}
