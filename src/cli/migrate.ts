import { migrateDatabase } from '../platform/migrate-database.js';
import type { Command } from './command.js';
import { withDatabase } from './database.js';

export const migrateCommand: Command = {
  words: ['migrate'],
  usage: 'migrate',
  summary: 'apply pending SQL migrations (idempotent)',
  options: {},
  async run() {
    const applied = await withDatabase((db) => migrateDatabase(db.raw), { migrated: false });
    console.log(
      applied.length === 0
        ? 'the database is up to date'
        : `applied ${applied.length} migration(s): ${applied.join(', ')}`,
    );
    return 0;
  },
};
