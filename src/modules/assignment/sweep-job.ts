/**
 * `assignment.sweep`, every minute: the safety net of the team queues. Capacity normally reaches queued
 * tickets in the transaction that frees it (an agent becoming available, resolving, being unassigned…);
 * anything that slips past that — a reactivated account, a membership removed by a cascade — is handed
 * out here, team by team, each in its own workspace transaction.
 */
import type { Database } from '../../db/client.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import type { JobDefinition } from '../../platform/jobs/queue.js';
import type { Logger } from '../../platform/logger.js';
import { drainTeamQueue } from './drain-team-queue.js';
import { teamsWithQueues } from './repository.js';
import { scheduledSweep } from '../../platform/jobs/scheduled-job.js';

declare module '../../platform/jobs/queue.js' {
  interface JobPayloads {
    'assignment.sweep': Record<string, never>;
  }
}

/** Teams looked at per run; the next run continues (full queues of busy teams stay in the list). */
const TEAMS_PER_RUN = 500;

/** Drains every automatic team's queue; returns how many tickets were assigned. */
export async function sweepTeamQueues(db: Database, now: Date): Promise<number> {
  const teams = await asSystem(db, (tx) => teamsWithQueues(tx, TEAMS_PER_RUN));
  let assigned = 0;
  for (const team of teams) {
    assigned += await inWorkspace(db, team.workspace_id, (tx) =>
      drainTeamQueue(tx, { workspaceId: team.workspace_id, teamId: team.id, now, actor: {} }),
    );
  }
  return assigned;
}

export function sweepTeamQueuesJob(deps: {
  db: Database;
  log: Logger;
  now: () => Date;
}): JobDefinition<'assignment.sweep'> {
  return scheduledSweep({
    name: 'assignment.sweep',
    schedule: '* * * * *',
    now: deps.now,
    run: async (now) => {
      const assigned = await sweepTeamQueues(deps.db, now);
      if (assigned > 0) deps.log.info({ assigned }, 'queued tickets assigned by the sweep');
    },
  });
}
