/**
 * The `q` of the ticket lists: full text (web-search syntax, the workspace's language) over subject,
 * description and messages, plus ticket-number and customer-email prefixes. The matching itself is the
 * SQL function support_ticket_search (migration 0005), which explains why it is not plain Kysely.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { TicketActor } from './actor.js';

export const SEARCH_MAX_LENGTH = 200;

export interface ParsedSearch {
  text: string;
  /** Set when q looks like (the start of) a ticket number, e.g. DEMO-1. */
  numberPrefix: string;
  /** Set when q looks like (the start of) an email address, e.g. anna@. */
  emailPrefix: string;
}

const TICKET_NUMBER = /^[A-Za-z][A-Za-z0-9]*-\d*$/;
const EMAIL_START = /^[^\s@"]+@[^\s@"]*$/;

/** Splits q into what each kind of match needs; one word can be several kinds at once. */
export function parseSearch(raw: string): ParsedSearch {
  const text = raw.trim().slice(0, SEARCH_MAX_LENGTH);
  return {
    text,
    numberPrefix: TICKET_NUMBER.test(text) ? text.toUpperCase() : '',
    emailPrefix: EMAIL_START.test(text) ? text.toLowerCase() : '',
  };
}

/**
 * A condition on `t.id` (support_tickets as t) keeping the tickets that match q. Customers never match
 * on internal notes or system messages; staff match on every message.
 */
export function ticketSearchCondition(
  workspaceId: number,
  actor: TicketActor,
  raw: string,
): RawBuilder<SqlBool> {
  const s = parseSearch(raw);
  const includeInternal = actor.kind === 'staff';
  return sql<SqlBool>`t.id IN (SELECT support_ticket_search(${workspaceId}::bigint, ${s.text}::text, ${includeInternal}::boolean, ${s.numberPrefix}::text, ${s.emailPrefix}::text))`;
}
