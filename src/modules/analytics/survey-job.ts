/**
 * `satisfaction.survey`: mails the customer of a resolved ticket a 1–5 survey, once per resolution.
 * Skipped when the ticket is no longer resolved, is already rated, or this resolution was surveyed.
 */
import type { Database } from '../../db/client.js';
import { inWorkspace } from '../../db/tenant.js';
import type { JobDefinition, JobQueue } from '../../platform/jobs/queue.js';
import { queueEmail } from '../../platform/mail/queue-email.js';
import { surveySettings } from './survey-settings.js';
import { surveyToken } from './survey-token.js';

export interface SurveyJobDeps {
  db: Database;
  jobs: JobQueue;
  publicUrl: string;
  secret: string;
  now: () => Date;
}

const LABELS = ['', 'Very poor', 'Poor', 'OK', 'Good', 'Excellent'];

/** The five links of a survey mail, 1 to 5. */
export function surveyLinks(publicUrl: string, token: string): string[] {
  const base = publicUrl.replace(/\/$/, '');
  return [1, 2, 3, 4, 5].map((n) => `${base}/survey/${token}?rating=${n}`);
}

/** Sends the survey of one ticket if it is due; true when a mail was queued. */
export async function sendSurvey(
  deps: SurveyJobDeps,
  workspaceId: number,
  ticketId: number,
): Promise<boolean> {
  const now = deps.now();
  return inWorkspace(deps.db, workspaceId, async (tx) => {
    const settings = await surveySettings(tx, workspaceId);
    const ticket = await tx
      .selectFrom('support_tickets as t')
      .innerJoin('customers as c', (j) =>
        j.onRef('c.workspace_id', '=', 't.workspace_id').onRef('c.id', '=', 't.customer_id'),
      )
      .innerJoin('workspaces as w', 'w.id', 't.workspace_id')
      .select([
        't.id',
        't.ticket_number',
        't.subject',
        't.status',
        't.resolved_at',
        't.satisfaction_rating',
        'c.email',
        'c.name',
        'w.name as workspace_name',
      ])
      .where('t.workspace_id', '=', workspaceId)
      .where('t.id', '=', ticketId)
      .executeTakeFirst();
    if (!settings.survey_enabled || !ticket || ticket.status !== 'resolved' || ticket.resolved_at === null)
      return false;
    if (ticket.satisfaction_rating !== null || !ticket.email) return false;
    const claimed = await tx
      .insertInto('satisfaction_surveys')
      .values({
        workspace_id: workspaceId,
        ticket_id: ticketId,
        resolved_at: ticket.resolved_at,
        sent_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('ticket_id')
      .executeTakeFirst();
    if (!claimed) return false;
    const expires = Math.floor(now.getTime() / 1000) + settings.link_valid_days * 86_400;
    const token = surveyToken(deps.secret, { workspaceId, ticketId, expires });
    const links = surveyLinks(deps.publicUrl, token);
    const text = [
      `Hello ${ticket.name || ''}`.trim() + ',',
      '',
      `your request ${ticket.ticket_number} "${ticket.subject}" was resolved. How did we do? Choose one:`,
      '',
      ...links.map((link, i) => `${i + 1} – ${LABELS[i + 1]}: ${link}`),
      '',
      `The links work for ${settings.link_valid_days} days; you can add a comment on the page they open.`,
      '',
      `${ticket.workspace_name} support`,
    ].join('\n');
    const mail = await queueEmail(tx, deps.jobs, {
      workspaceId,
      to: ticket.email,
      subject: `How did we do? [${ticket.ticket_number}]`,
      text,
      ticketId,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    await tx
      .updateTable('satisfaction_surveys')
      .set({ outbound_email_id: mail.id })
      .where('workspace_id', '=', workspaceId)
      .where('ticket_id', '=', ticketId)
      .where('resolved_at', '=', ticket.resolved_at)
      .execute();
    return true;
  });
}

export function surveyJob(deps: SurveyJobDeps): JobDefinition<'satisfaction.survey'> {
  return {
    name: 'satisfaction.survey',
    retryLimit: 5,
    retryDelaySeconds: 30,
    retryBackoff: true,
    async handler(payload) {
      await sendSurvey(deps, payload.workspaceId, payload.ticketId);
    },
  };
}
