/**
 * The `satisfaction-survey` subscriber: when a ticket becomes resolved and the workspace asks for surveys,
 * it schedules the survey job after the workspace's delay (pg-boss startAfter). The job checks again
 * before mailing, so a ticket reopened in the meantime is not surveyed.
 */
import type { Database } from '../../db/client.js';
import { inWorkspace } from '../../db/tenant.js';
import type { EventSubscriber } from '../../platform/events/subscriber.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { surveySettings } from './survey-settings.js';

declare module '../../platform/jobs/queue.js' {
  interface JobPayloads {
    'satisfaction.survey': { workspaceId: number; ticketId: number };
  }
}

export function surveySubscriber(deps: { db: Database; jobs: JobQueue }): EventSubscriber {
  return {
    name: 'satisfaction-survey',
    types: ['ticket.status_changed'],
    async handle(event) {
      if (event.payload.to !== 'resolved') return;
      const ticketId = event.payload.ticket_id;
      if (typeof ticketId !== 'number') return;
      await inWorkspace(deps.db, event.workspaceId, async (tx) => {
        const settings = await surveySettings(tx, event.workspaceId);
        if (!settings.survey_enabled) return;
        await deps.jobs.enqueue(
          tx,
          'satisfaction.survey',
          { workspaceId: event.workspaceId, ticketId },
          // A redelivered event may schedule a second job: the job mails once per resolution anyway.
          { startAfterSeconds: settings.delay_minutes * 60 },
        );
      });
    },
  };
}
