import { loadConfig } from '../config.js';
import {
  demoLoginLines,
  type DemoSeedResult,
  findDemoWorkspace,
  seedDemoIfFirstRun,
} from '../modules/demo/index.js';
import { openConfiguredDatabase } from '../open-configured-database.js';
import { createLogger } from '../platform/logger.js';
import type { Command } from './command.js';

const say = (line: string) => console.error(`bfg2-support: ${line}`);

export const serveCommand: Command = {
  words: ['serve'],
  usage: 'serve [--migrate] [--demo]',
  summary: 'run the server; --migrate applies migrations first, --demo seeds the demo workspace on first run',
  options: { migrate: { type: 'boolean' }, demo: { type: 'boolean' } },
  async run(flags) {
    const config = loadConfig();
    // The demo takes mail: `swaks --to support@demo.test --server localhost:2525` opens a ticket.
    if (flags.demo === true) config.smtpListener ??= true;
    // The database first: the embedded PostgreSQL starts in its own processes while this one loads the
    // HTTP stack, which is loaded on demand (most of the CLI's start-up time, and only serve needs it).
    const log = createLogger(config.logLevel);
    const db = openConfiguredDatabase(config, log);
    db.catch(() => undefined); // awaited (and reported) by startServer
    // One turn of the event loop: opening reaches pg_ctl's spawn before the import's synchronous work.
    await new Promise((resolve) => setImmediate(resolve));
    const { startServer, stopOnSignals } = await import('../server.js');
    // Filled in by the demo seed, which runs inside startServer after migrations and before listening.
    const demo: { seeded: DemoSeedResult | null } = { seeded: null };
    const server = await startServer(config, {
      database: { db, log },
      migrate: flags.migrate === true,
      beforeListen:
        flags.demo === true
          ? async (db) => {
              demo.seeded = await seedDemoIfFirstRun(db);
            }
          : undefined,
    });
    stopOnSignals(server, say);

    if (server.smtpPort !== null) say(`taking inbound mail by SMTP on port ${server.smtpPort}`);
    if (server.url) {
      const open = config.port === 0 ? server.url : config.publicUrl;
      say(`listening on ${server.url} (open ${open}/app/login; API docs at ${open}/api/docs)`);
    } else {
      say(`running job workers only (PROCESS_ROLE=${config.role})`);
    }
    if (demo.seeded?.created) {
      say(
        `created the demo workspace "demo" (${demo.seeded.tickets} tickets, ${demo.seeded.articles} articles)`,
      );
    }
    if (demo.seeded !== null || (await findDemoWorkspace(server.deps.db)) !== null) {
      const [headline, ...logins] = demoLoginLines();
      say(headline ?? '');
      for (const line of logins) console.error(line);
    }
    return 'running';
  },
};
