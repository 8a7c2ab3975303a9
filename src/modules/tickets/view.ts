/** Loads one ticket in its API shape, with the conversation the actor may see. */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import type { TicketActor } from './actor.js';
import { presentMessage, presentTicket } from './presenter.js';
import { attachmentsOf, messagesOf, namedTickets, ticketRowsQuery } from './queries.js';

export async function workspaceSettings(tx: Tx, workspaceId: number) {
  return tx
    .selectFrom('workspaces')
    .select(['order_url_template', 'consignment_url_template', 'default_priority'])
    .where('id', '=', workspaceId)
    .executeTakeFirstOrThrow();
}

export async function ticketView(tx: Tx, workspaceId: number, ticketId: number, actor: TicketActor) {
  const rows = await ticketRowsQuery(tx, workspaceId).where('t.id', '=', ticketId).execute();
  const [row] = await namedTickets(tx, workspaceId, rows);
  if (!row) throw notFound('ticket');
  const links = await workspaceSettings(tx, workspaceId);
  return presentTicket(row, row.tags, links, actor);
}

/** The ticket with its visible messages and attachments (internal ones only for staff). */
export async function ticketDetail(tx: Tx, workspaceId: number, ticketId: number, actor: TicketActor) {
  const staff = actor.kind === 'staff';
  const ticket = await ticketView(tx, workspaceId, ticketId, actor);
  const messages = await messagesOf(tx, workspaceId, ticketId, staff);
  const attachments = await attachmentsOf(tx, workspaceId, ticketId, staff);
  return { ...ticket, messages: messages.map((m) => presentMessage(m, actor)), attachments };
}
