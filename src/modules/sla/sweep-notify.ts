/**
 * The mails of SLA warnings and escalations, queued after the sweep committed by the SLA mail subscriber
 * (notification-subscriber.ts; side effects after commit: the sweep's transactions stay short however
 * many tickets fall due). It names the `sla.warning` / `ticket.escalated` events to announce; each mail
 * carries its event's key in X-Bfg2-Notification and a source key unique per event and recipient, so an
 * event handled again — or by two processes at once — queues nothing twice.
 */
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.js';
import type { EventPayload } from '../../platform/events.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { queueEmailOnce } from '../../platform/mail/queue-email.js';
import { escalationMail, warningMail, type SlaMailContext } from './sweep-mail.js';
import { teamRecipients, warningRecipients } from './sweep-recipients.js';
import { findWorkspaceLabel } from './sweep-repository.js';
import type { SlaTarget } from './sweep-checks.js';

declare module '../../platform/jobs/queue.js' {
  interface JobPayloads {
    'sla.notify': { workspaceId: number; eventIds: number[] };
  }
}

export const NOTIFICATION_HEADER = 'X-Bfg2-Notification';
const ANNOUNCED = ['sla.warning', 'ticket.escalated'];

interface WarningPayload {
  target: SlaTarget;
  due_at: string;
}
/** `team_id`: the name before the event catalogue (events recorded by an older version, still queued). */
type EscalationPayload = Omit<EventPayload<'ticket.escalated'>, 'to_team_id'> & {
  to_team_id?: number;
  team_id?: number;
};

export interface NotifyInput {
  workspaceId: number;
  eventIds: readonly number[];
  jobs: JobQueue;
  publicUrl: string;
}

/** Queues the mails of the given events that were not queued yet; returns how many it queued. */
export async function sendSlaNotifications(tx: Tx, input: NotifyInput): Promise<number> {
  const { workspaceId } = input;
  if (input.eventIds.length === 0) return 0;
  const events = await tx
    .selectFrom('domain_events')
    .select(['id', 'type', 'subject_id', 'payload'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', input.eventIds)
    .where('type', 'in', ANNOUNCED)
    .where('subject_type', '=', 'ticket')
    .orderBy('id')
    .execute();
  if (events.length === 0) return 0;
  const ticketIds = [...new Set(events.map((e) => e.subject_id))];
  const tickets = new Map(
    (
      await tx
        .selectFrom('support_tickets as t')
        .leftJoin('slas as s', 's.id', 't.sla_id')
        .select([
          't.id',
          't.workspace_id',
          't.ticket_number',
          't.subject',
          't.status',
          't.first_response_at',
          't.response_breached',
          't.resolution_breached',
          't.assigned_to_id',
          't.team_id',
          's.name as sla_name',
        ])
        .where('t.workspace_id', '=', workspaceId)
        .where('t.id', 'in', ticketIds)
        .execute()
    ).map((t) => [t.id, t]),
  );
  const sent = new Set(
    (
      await tx
        .selectFrom('outbound_emails')
        .select(sql<string>`headers->>${NOTIFICATION_HEADER}`.as('key'))
        .where('workspace_id', '=', workspaceId)
        .where('ticket_id', 'in', ticketIds)
        .where(sql<boolean>`headers ? ${NOTIFICATION_HEADER}`)
        .execute()
    ).map((r) => r.key),
  );
  const workspace = await findWorkspaceLabel(tx, workspaceId);
  const teams = new Map<number, { name: string; to: string[] }>();
  const teamOf = async (teamId: number) => {
    let team = teams.get(teamId);
    if (!team) {
      const row = await tx
        .selectFrom('support_teams')
        .select('name')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', teamId)
        .executeTakeFirst();
      team = { name: row?.name ?? 'the escalation team', to: await teamRecipients(tx, workspaceId, teamId) };
      teams.set(teamId, team);
    }
    return team;
  };

  let queued = 0;
  for (const event of events) {
    const key = `${event.type}:${event.id}`;
    const ticket = tickets.get(event.subject_id);
    if (!ticket || sent.has(key)) continue;
    const headers = { 'Auto-Submitted': 'auto-generated', [NOTIFICATION_HEADER]: key };
    const ctx: SlaMailContext = {
      workspaceName: workspace.name,
      timezone: workspace.timezone,
      publicUrl: input.publicUrl,
      slaName: ticket.sla_name,
    };
    let mails;
    if (event.type === 'sla.warning') {
      const p = event.payload as unknown as WarningPayload;
      // Answered, solved or breached since the sweep: the warning has nothing left to save.
      const settled =
        !['new', 'open', 'pending', 'on_hold'].includes(ticket.status) ||
        (p.target === 'response'
          ? ticket.first_response_at !== null || ticket.response_breached
          : ticket.resolution_breached);
      if (settled) continue;
      mails = (await warningRecipients(tx, ticket)).map((to) =>
        warningMail(ticket, p.target, new Date(p.due_at), to, ctx),
      );
    } else {
      const p = event.payload as unknown as EscalationPayload;
      const teamId = p.to_team_id ?? p.team_id;
      if (teamId === undefined) continue;
      const team = await teamOf(teamId);
      mails = team.to.map((to) => escalationMail(ticket, team.name, p.reason, to, ctx));
    }
    for (const mail of mails) {
      const sourceKey = `${key}:${mail.to.toLowerCase()}`.slice(0, 200);
      if (await queueEmailOnce(tx, input.jobs, { ...mail, headers, sourceKey })) queued++;
    }
  }
  return queued;
}
