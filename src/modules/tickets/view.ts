/** Loads one ticket in its API shape, with the conversation the actor may see. */
import type { Tx } from '../../db/tenant.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { TicketActor } from './actor.js';
import { MAX_MERGE_HOPS } from './load-ticket.js';
import { canSeeTicket } from './policy.js';
import { presentMessage, presentTicket, type LinkTemplates } from './presenter.js';
import { descriptionHtml, htmlMessagesOf } from './html-messages.js';
import { attachmentsOf, mailDeliveriesOf, messagesOf, namedTickets, ticketRowsQuery } from './queries.js';
import { parseTicketRef } from './repository.js';

/** The workspace as ticket views need it: its id and link templates (the request's WorkspaceRef has both). */
export type TicketWorkspace = { id: number } & LinkTemplates;

export async function ticketView(tx: Tx, ws: TicketWorkspace, ticketId: number, actor: TicketActor) {
  const rows = await ticketRowsQuery(tx, ws.id).where('t.id', '=', ticketId).execute();
  const [ticket] = await namedTickets(tx, ws.id, rows);
  if (!ticket) throw notFound('ticket');
  return presentTicket(ticket, ws, actor);
}

/**
 * The ticket (by id or number) with its visible messages and attachments (internal ones only for staff).
 * The ticket is read once, in its API shape, and the visibility check runs on that row: another
 * workspace's or another customer's ticket is a 404.
 */
export async function ticketDetail(tx: Tx, ws: TicketWorkspace, ref: string | number, actor: TicketActor) {
  if (actor.kind === 'anonymous') throw new AppError('NOT_AUTHENTICATED', 'log in to see tickets');
  const r = parseTicketRef(ref);
  const q = ticketRowsQuery(tx, ws.id).select('t.merged_into_id');
  let rows = await (
    'id' in r ? q.where('t.id', '=', r.id) : q.where('t.ticket_number', '=', r.number)
  ).execute();
  // A ticket merged into another resolves to that one (load-ticket.ts), so its number keeps working.
  for (let hop = 0; rows[0]?.merged_into_id && hop < MAX_MERGE_HOPS; hop++) {
    rows = await q.where('t.id', '=', rows[0].merged_into_id).execute();
  }
  const [named] = await namedTickets(tx, ws.id, rows);
  if (!named || !canSeeTicket(named.row, actor)) throw notFound('ticket');
  const staff = actor.kind === 'staff';
  const ticket = presentTicket(named, ws, actor);
  const messages = await messagesOf(tx, ws.id, named.id, staff);
  const attachments = await attachmentsOf(tx, ws.id, named.id, staff);
  // Staff see whether each mailed message reached the customer; customers never get the field.
  const deliveries = staff ? await mailDeliveriesOf(tx, ws.id, named.id) : null;
  const withHtml = staff ? await htmlMessagesOf(tx, ws.id, named.id) : null;
  return {
    ...ticket,
    ...(staff ? { description_has_html: (await descriptionHtml(tx, ws.id, named.id)) !== null } : {}),
    messages: messages.map((m) => ({
      ...presentMessage(m, actor),
      ...(deliveries ? { delivery: deliveries.get(m.id) ?? null } : {}),
      ...(withHtml ? { has_html: withHtml.has(m.id) } : {}),
    })),
    attachments,
  };
}
