import { loadConfig } from '../config.js';
import {
  demoLoginLines,
  type DemoSeedResult,
  findDemoWorkspace,
  seedDemoIfFirstRun,
} from '../modules/demo/index.js';
import type { Command } from './command.js';

const say = (line: string) => console.error(`bfg2-support: ${line}`);

export const serveCommand: Command = {
  words: ['serve'],
  usage: 'serve [--migrate] [--demo]',
  summary: 'run the server; --migrate applies migrations first, --demo seeds the demo workspace on first run',
  options: { migrate: { type: 'boolean' }, demo: { type: 'boolean' } },
  async run(flags) {
    const config = loadConfig();
    // Loaded on demand: the HTTP stack is most of the CLI's start-up time and only serve needs it.
    const { startServer, stopOnSignals } = await import('../server.js');
    // Filled in by the demo seed, which runs inside startServer after migrations and before listening.
    const demo: { seeded: DemoSeedResult | null } = { seeded: null };
    const server = await startServer(config, {
      migrate: flags.migrate === true,
      beforeListen:
        flags.demo === true
          ? async (db) => {
              demo.seeded = await seedDemoIfFirstRun(db);
            }
          : undefined,
    });
    stopOnSignals(server, say);

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
