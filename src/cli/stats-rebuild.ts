/** `stats rebuild`: recomputes the report rollups of one workspace (or all) from the tickets, with progress. */
import { asSystem } from '../db/tenant.js';
import { rebuildStats } from '../modules/analytics/index.js';
import { optionalFlag, type Command } from './command.js';
import { findWorkspace, withDatabase } from './database.js';

export const statsRebuildCommand: Command = {
  words: ['stats', 'rebuild'],
  usage: 'stats rebuild [--workspace S]',
  summary:
    'rebuild the report rollups from the tickets (all workspaces unless --workspace); progress on stderr',
  options: { workspace: { type: 'string' } },
  async run(flags) {
    const slug = optionalFlag(flags, 'workspace');
    await withDatabase(async (db) => {
      const workspaces = slug
        ? [await findWorkspace(db, slug)]
        : await asSystem(db, (tx) =>
            tx.selectFrom('workspaces').select(['id', 'slug']).orderBy('id').execute(),
          );
      for (const ws of workspaces) {
        const started = Date.now();
        let shown = -1;
        const result = await rebuildStats(db, ws.id, {
          now: () => new Date(),
          onProgress: ({ done, total, step }) => {
            if (step === 'daily' || step === 'dimensions') {
              process.stderr.write(`${ws.slug}: summing the ${step} rollup\n`);
            }
            if (step !== 'facts') return;
            const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
            if (percent === shown) return;
            shown = percent;
            process.stderr.write(`${ws.slug}: ${done}/${total} tickets (${percent} %)\n`);
          },
        });
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        console.log(`${ws.slug}: rebuilt the rollups of ${result.done} tickets in ${seconds} s`);
      }
    });
    return 0;
  },
};
