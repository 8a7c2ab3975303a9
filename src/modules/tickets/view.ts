/** Loads one ticket in its API shape, with the conversation the actor may see. */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import type { TicketActor } from './actor.js';
import { presentMessage, presentTicket, type LinkTemplates } from './presenter.js';
import { attachmentsOf, mailDeliveriesOf, messagesOf, namedTickets, ticketRowsQuery } from './queries.js';

/** The workspace as ticket views need it: its id and link templates (the request's WorkspaceRef has both). */
export type TicketWorkspace = { id: number } & LinkTemplates;

export async function ticketView(tx: Tx, ws: TicketWorkspace, ticketId: number, actor: TicketActor) {
  const rows = await ticketRowsQuery(tx, ws.id).where('t.id', '=', ticketId).execute();
  const [ticket] = await namedTickets(tx, ws.id, rows);
  if (!ticket) throw notFound('ticket');
  return presentTicket(ticket, ws, actor);
}

/** The ticket with its visible messages and attachments (internal ones only for staff). */
export async function ticketDetail(tx: Tx, ws: TicketWorkspace, ticketId: number, actor: TicketActor) {
  const staff = actor.kind === 'staff';
  const ticket = await ticketView(tx, ws, ticketId, actor);
  const messages = await messagesOf(tx, ws.id, ticketId, staff);
  const attachments = await attachmentsOf(tx, ws.id, ticketId, staff);
  // Staff see whether each mailed message reached the customer; customers never get the field.
  const deliveries = staff ? await mailDeliveriesOf(tx, ws.id, ticketId) : null;
  return {
    ...ticket,
    messages: messages.map((m) => ({
      ...presentMessage(m, actor),
      ...(deliveries ? { delivery: deliveries.get(m.id) ?? null } : {}),
    })),
    attachments,
  };
}
