/**
 * The admin ticket list as CSV, streamed: pages of 1,000 tickets in id order, each read in its own short
 * transaction, written as they come — a million tickets never sit in memory, and no transaction stays
 * open while a slow client downloads.
 */
import type { Database } from '../../db/client.js';
import { inWorkspace } from '../../db/tenant.js';
import { ticketExportPage, type TicketActor, type TicketFilters } from '../tickets/index.js';
import { csvRow } from './csv.js';

export const TICKET_CSV_COLUMNS = [
  'ticket_number',
  'subject',
  'status',
  'priority',
  'category',
  'channel',
  'customer_email',
  'customer_name',
  'assigned_to',
  'team',
  'created_at',
  'first_response_at',
  'resolved_at',
  'closed_at',
  'response_due_at',
  'resolution_due_at',
  'response_breached',
  'resolution_breached',
  'satisfaction_rating',
  'satisfaction_comment',
] as const;

export async function* ticketCsv(
  db: Database,
  workspaceId: number,
  actor: TicketActor,
  filters: TicketFilters,
  pageSize = 1_000,
): AsyncGenerator<string> {
  yield `\uFEFF${csvRow([...TICKET_CSV_COLUMNS])}`;
  let after = 0;
  for (;;) {
    const page = await inWorkspace(db, workspaceId, (tx) =>
      ticketExportPage(tx, workspaceId, actor, filters, after, pageSize),
    );
    if (page.length === 0) return;
    let chunk = '';
    for (const { row, names } of page) {
      chunk += csvRow([
        row.ticket_number,
        row.subject,
        row.status,
        names.priority?.code,
        names.category?.slug,
        row.channel,
        names.customer?.email,
        names.customer?.name,
        names.assignee?.email,
        names.team?.name,
        row.created_at,
        row.first_response_at,
        row.resolved_at,
        row.closed_at,
        row.response_due_at,
        row.resolution_due_at,
        row.response_breached,
        row.resolution_breached,
        row.satisfaction_rating,
        row.satisfaction_comment,
      ]);
    }
    yield chunk;
    after = page[page.length - 1]!.id;
    if (page.length < pageSize) return;
  }
}
