/**
 * Possible duplicates of a ticket: earlier tickets of the same customer, or about the same order or
 * consignment, opened within the workspace's duplicate window (workspaces.duplicate_window_hours)
 * before it, not merged themselves, whose subject and text are similar (trigram similarity). A shared
 * order or consignment is strong evidence on its own, so it needs less textual similarity. A pair an
 * agent dismissed as "not a duplicate" (dismiss-duplicate.ts) is never offered again.
 */
import { sql } from 'kysely';
import type { SupportTicket } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';

/** Trigram similarity (0..1) needed with only the customer in common, and with an order/consignment. */
export const SIMILAR_FOR_CUSTOMER = 0.3;
export const SIMILAR_FOR_ORDER = 0.15;
const MAX_CANDIDATES = 5;
/** Characters of the description compared (the start carries the question; the rest is quotes). */
const TEXT_LENGTH = 500;

export type DuplicateReason = 'same_customer' | 'same_order' | 'same_consignment';

export interface PossibleDuplicate {
  id: number;
  ticket_number: string;
  subject: string;
  status: string;
  created_at: Date;
  /** 0..1: how alike the subjects and texts are. */
  similarity: number;
  reasons: DuplicateReason[];
}

/** The tickets `ticket` may duplicate, most similar first. */
export async function findPossibleDuplicates(tx: Tx, ticket: SupportTicket): Promise<PossibleDuplicate[]> {
  const { rows } = await sql<{
    id: string;
    ticket_number: string;
    subject: string;
    status: string;
    created_at: Date;
    similarity: number;
    same_customer: boolean;
    same_order: boolean;
    same_consignment: boolean;
  }>`
    SELECT t.id, t.ticket_number, t.subject, t.status, t.created_at,
      greatest(similarity(t.subject, ${ticket.subject}),
               similarity(t.subject || ' ' || left(t.description, ${TEXT_LENGTH}),
                          ${`${ticket.subject} ${ticket.description.slice(0, TEXT_LENGTH)}`}))::float8 AS similarity,
      t.customer_id = ${ticket.customer_id} AS same_customer,
      coalesce(t.order_ref = ${ticket.order_ref}, false) AS same_order,
      coalesce(t.consignment_ref = ${ticket.consignment_ref}, false) AS same_consignment
    FROM support_tickets t, workspaces w
    WHERE w.id = ${ticket.workspace_id}
      AND t.workspace_id = ${ticket.workspace_id}
      AND t.id <> ${ticket.id}
      AND t.merged_into_id IS NULL
      AND NOT EXISTS (
        SELECT 1 FROM ticket_duplicate_dismissals d
        WHERE d.workspace_id = ${ticket.workspace_id}
          AND d.low_ticket_id = least(t.id, ${ticket.id}::bigint)
          AND d.high_ticket_id = greatest(t.id, ${ticket.id}::bigint))
      AND t.created_at <= ${ticket.created_at}
      AND t.created_at >= ${ticket.created_at}::timestamptz - make_interval(hours => w.duplicate_window_hours)
      AND (t.customer_id = ${ticket.customer_id}
           OR t.order_ref = ${ticket.order_ref}
           OR t.consignment_ref = ${ticket.consignment_ref})
    ORDER BY t.created_at DESC
    LIMIT 50`.execute(tx);
  return rows
    .filter((r) =>
      r.same_order || r.same_consignment
        ? r.similarity >= SIMILAR_FOR_ORDER
        : r.similarity >= SIMILAR_FOR_CUSTOMER,
    )
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, MAX_CANDIDATES)
    .map((r) => ({
      id: Number(r.id),
      ticket_number: r.ticket_number,
      subject: r.subject,
      status: r.status,
      created_at: r.created_at,
      similarity: Math.round(r.similarity * 1000) / 1000,
      reasons: [
        ...(r.same_customer ? (['same_customer'] as const) : []),
        ...(r.same_order ? (['same_order'] as const) : []),
        ...(r.same_consignment ? (['same_consignment'] as const) : []),
      ],
    }));
}
