/** The texts of SLA warnings and escalations: system messages and notification mails. */
import type { EmailToQueue } from '../../platform/mail/queue-email.js';
import { targetLabel, type SlaTarget } from './sweep-checks.js';

const formats = new Map<string, Intl.DateTimeFormat>();

/** "Mon, 6 Jan 2025, 17:00 (Europe/Berlin)": a time as the workspace's people read it. */
export function formatInZone(at: Date, timezone: string): string {
  let format = formats.get(timezone);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    };
    try {
      format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: timezone });
    } catch {
      // An unknown zone (the workspace setting is validated, but be safe) shows UTC, and says so.
      format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' });
    }
    formats.set(timezone, format);
  }
  return `${format.format(at)} (${format.resolvedOptions().timeZone})`;
}

/** Where staff open the ticket. */
export function ticketUrl(publicUrl: string, ticketNumber: string): string {
  return `${publicUrl}/app/tickets/${encodeURIComponent(ticketNumber)}`;
}

export interface SlaMailTicket {
  workspace_id: number;
  id: number;
  ticket_number: string;
  subject: string;
}

export interface SlaMailContext {
  workspaceName: string;
  timezone: string;
  publicUrl: string;
  slaName: string | null;
}

const slaPhrase = (name: string | null) => (name ? `SLA "${name}"` : 'its SLA');

/** The breach line of the ticket's conversation (an internal system message). */
export function breachMessage(
  target: SlaTarget,
  dueAt: Date,
  ctx: Pick<SlaMailContext, 'timezone' | 'slaName'>,
): string {
  return `SLA breached: the ${targetLabel(target)} was due ${formatInZone(dueAt, ctx.timezone)} (${slaPhrase(ctx.slaName)}).`;
}

/** The pre-breach warning to one recipient. */
export function warningMail(
  ticket: SlaMailTicket,
  target: SlaTarget,
  dueAt: Date,
  to: string,
  ctx: SlaMailContext,
): EmailToQueue {
  const when = formatInZone(dueAt, ctx.timezone);
  return {
    workspaceId: ticket.workspace_id,
    ticketId: ticket.id,
    to,
    subject: `[${ticket.ticket_number}] SLA warning: ${targetLabel(target)} due ${when}`,
    text:
      `Ticket ${ticket.ticket_number} "${ticket.subject}" needs its ${targetLabel(target)} by ${when} ` +
      `to meet ${slaPhrase(ctx.slaName)}.\n\n${ticketUrl(ctx.publicUrl, ticket.ticket_number)}\n\n` +
      `-- \n${ctx.workspaceName} support (automatic notification)\n`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/** The escalation notice to one member (or the shared address) of the escalation team. */
export function escalationMail(
  ticket: SlaMailTicket,
  teamName: string,
  reason: string,
  to: string,
  ctx: Pick<SlaMailContext, 'workspaceName' | 'publicUrl'>,
): EmailToQueue {
  return {
    workspaceId: ticket.workspace_id,
    ticketId: ticket.id,
    to,
    subject: `[${ticket.ticket_number}] Escalated to ${teamName}: ${ticket.subject}`,
    text:
      `Ticket ${ticket.ticket_number} "${ticket.subject}" was escalated to ${teamName}.\n` +
      `Reason: ${reason}\n\n${ticketUrl(ctx.publicUrl, ticket.ticket_number)}\n\n` +
      `-- \n${ctx.workspaceName} support (automatic notification)\n`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}
