import { demoLoginLines, seedDemo } from '../modules/demo/index.js';
import { UsageError, type Command } from './command.js';
import { withDatabase } from './database.js';

export const seedCommand: Command = {
  words: ['seed'],
  usage: 'seed --demo',
  summary: 'create the demo workspace "demo" with sample data (does nothing when it exists)',
  options: { demo: { type: 'boolean' } },
  async run(flags) {
    if (flags.demo !== true) throw new UsageError('say what to seed: --demo', seedCommand);
    const result = await withDatabase((db) => seedDemo(db));
    if (!result.created) {
      console.log('the demo workspace "demo" already exists; nothing was changed');
      return 0;
    }
    console.log(
      `created the demo workspace "demo": ${result.tickets} tickets, ${result.articles} articles, ` +
        `${result.templates} templates`,
    );
    for (const line of demoLoginLines()) console.log(line);
    return 0;
  },
};
