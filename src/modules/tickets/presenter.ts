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
    source_email: row.source_email,
    source_phone: staff ? row.source_phone : '',
    order: row.order_ref,
    consignment: row.consignment_ref,
    first_response_at: row.first_response_at,
    resolved_at: row.resolved_at,
    closed_at: row.closed_at,
    // The promised times are the customer's too (the contract's 201); how the clock runs is staff's.
    response_due_at: row.response_due_at,
    resolution_due_at: row.resolution_due_at,
    satisfaction_rating: row.satisfaction_rating,
    satisfaction_comment: row.satisfaction_comment,
    ...(staff ? staffOnly(ticket, links) : {}),
    created_at: row.created_at,
    updated_at: row.updated_at,
    can: ticketPermissions(row, actor),
  };
}

/**
 * What only staff see: links into back offices, the team, the SLA's name and its warnings, breaches and pause, and the tags
 * (every tag is internal: tags name things like "vip" or "refund-abuse" that are no customer's business).
 */
function staffOnly({ row, names, tags }: NamedTicket, links: LinkTemplates) {
  return {
    // The templates point into the shop's and the carrier's back offices.
    order_url: link(links.order_url_template, row.order_ref),
    consignment_url: link(links.consignment_url_template, row.consignment_ref),
    team: row.team_id !== null ? { id: row.team_id, name: names.team?.name ?? null } : null,
    sla: row.sla_id !== null ? { id: row.sla_id, name: names.sla?.name ?? null } : null,
    response_warning_at: row.response_warning_at,
    resolution_warning_at: row.resolution_warning_at,
    sla_paused_at: row.sla_paused_at,
    response_breached: row.response_breached,
    resolution_breached: row.resolution_breached,
    tags,
    // Internal notes bump it too (modules/tickets/collision.ts).
    version: row.version,
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
