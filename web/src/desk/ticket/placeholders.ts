/**
 * The preview of a response template with its placeholders filled from the ticket, the agent and the
 * workspace — the same names the server renders (src/modules/templates/render-template.ts) when the
 * reply is sent with the template's id.
 */
import type { StaffMe, Ticket } from '../../api/types';

export function placeholderValues(ticket: Ticket, me: StaffMe, statusLabel: string): Record<string, string> {
  return {
    'customer.name': ticket.customer?.name ?? '',
    'customer.email': ticket.customer?.email ?? '',
    'ticket.ticket_number': ticket.ticket_number ?? '',
    'ticket.subject': ticket.subject ?? '',
    'ticket.status': statusLabel,
    'agent.name': me.user.name,
    'agent.email': me.user.email,
    'workspace.name': me.workspace.name,
  };
}

/** `text` with every {{name}} replaced by its value; unknown names stay as they are. */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{\s*([a-z_]+\.[a-z_]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}
