import { createWorkspace } from '../modules/workspaces/index.js';
import { optionalFlag, requireFlag, type Command } from './command.js';
import { withDatabase } from './database.js';

export const workspaceCreateCommand: Command = {
  words: ['workspace', 'create'],
  usage: 'workspace create --slug S --name N [--timezone TZ] [--language L] [--prefix P]',
  summary: 'create a workspace with the default priorities',
  options: {
    slug: { type: 'string' },
    name: { type: 'string' },
    timezone: { type: 'string' },
    language: { type: 'string' },
    prefix: { type: 'string' },
  },
  async run(flags) {
    const slug = requireFlag(flags, 'slug', workspaceCreateCommand);
    const name = requireFlag(flags, 'name', workspaceCreateCommand);
    const ws = await withDatabase((db) =>
      createWorkspace(db, {
        slug,
        name,
        timezone: optionalFlag(flags, 'timezone'),
        defaultLanguage: optionalFlag(flags, 'language'),
        ticketPrefix: optionalFlag(flags, 'prefix'),
      }),
    );
    console.log(
      `created workspace ${ws.slug} (id ${ws.id}, "${ws.name}", ${ws.timezone}, ${ws.default_language}, ` +
        `tickets ${ws.ticket_prefix}-1, …)`,
    );
    return 0;
  },
};
