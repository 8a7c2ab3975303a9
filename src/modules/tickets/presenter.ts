/** Ticket rows → the API shape. The allowed actions travel with the ticket, so the UI never re-derives them. */
import type { SupportTicketMessage } from '../../db/schema.js';
import type { TicketActor } from './actor.js';
import { ticketPermissions } from './policy.js';
import type { NamedTicket } from './queries.js';

export interface LinkTemplates {
  order_url_template: string;
  consignment_url_template: string;
}

function link(template: string, value: string | null): string | null {
  if (!value || !template) return null;
  return template.replace(/\{(order|consignment|value)\}/g, encodeURIComponent(value));
}

export function presentTicket(ticket: NamedTicket, links: LinkTemplates, actor: TicketActor) {
  const { row, names } = ticket;
  const staff = actor.kind === 'staff';
  return {
    id: row.id,
    ticket_number: row.ticket_number,
    subject: row.subject,
    description: row.description,
    status: row.status,
    channel: row.channel,
    customer: { id: row.customer_id, name: names.customer?.name ?? '', email: names.customer?.email ?? '' },
    category:
      row.category_id !== null
        ? { id: row.category_id, name: names.category?.name ?? null, slug: names.category?.slug ?? null }
        : null,
    priority: {
      id: row.priority_id,
      code: names.priority?.code ?? '',
      name: names.priority?.name ?? '',
      color: names.priority?.color ?? '',
    },
    assigned_to:
      row.assigned_to_id !== null
        ? {
            id: row.assigned_to_id,
            name: names.assignee?.name ?? '',
            ...(staff ? { email: names.assignee?.email ?? null } : {}),
          }
        : null,
    team: row.team_id !== null ? { id: row.team_id, name: names.team?.name ?? null } : null,
    source_email: row.source_email,
    source_phone: staff ? row.source_phone : '',
    order: row.order_ref,
    order_url: link(links.order_url_template, row.order_ref),
    consignment: row.consignment_ref,
    consignment_url: link(links.consignment_url_template, row.consignment_ref),
    sla: row.sla_id !== null ? { id: row.sla_id, name: names.sla?.name ?? null } : null,
    first_response_at: row.first_response_at,
    resolved_at: row.resolved_at,
    closed_at: row.closed_at,
    response_due_at: row.response_due_at,
    resolution_due_at: row.resolution_due_at,
    response_warning_at: row.response_warning_at,
    resolution_warning_at: row.resolution_warning_at,
    sla_paused_at: row.sla_paused_at,
    response_breached: row.response_breached,
    resolution_breached: row.resolution_breached,
    satisfaction_rating: row.satisfaction_rating,
    satisfaction_comment: row.satisfaction_comment,
    tags: ticket.tags,
    created_at: row.created_at,
    updated_at: row.updated_at,
    // Staff only: internal notes bump it too (modules/tickets/collision.ts).
    ...(staff ? { version: row.version } : {}),
    can: ticketPermissions(row, actor),
  };
}

export type TicketView = ReturnType<typeof presentTicket>;

export function presentMessage(m: SupportTicketMessage, actor: TicketActor) {
  return {
    id: m.id,
    message: m.message,
    message_type: m.message_type,
    sender: m.sender_id,
    sender_name: m.sender_name,
    sender_email: actor.kind === 'staff' || m.message_type === 'customer' ? m.sender_email : '',
    is_staff_reply: m.is_staff_reply,
    is_internal: m.is_internal,
    attachments: m.attachments,
    created_at: m.created_at,
  };
}
