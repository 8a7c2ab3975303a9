/**
 * The `q` of the ticket lists: full text (web-search syntax, the workspace's language) over subject,
 * description and messages, plus ticket-number and customer-email prefixes. The matching itself is the
 * SQL function support_ticket_search_plan (migrations 0005, 0012 and 0057), which explains why it is not
 * plain Kysely.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Tx } from '../../db/tenant.js';
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
 * Most ids a search collects before the list walks its sort index instead (see migrations 0012 and
 * 0057: the term statistics decide). An object so that the tests can run every search through both
 * strategies.
 */
export const searchTuning = { idCap: 500 };

function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A condition on `t` (support_tickets as t) keeping the tickets that match q. Customers never match on
 * internal notes or system messages; staff match on every message. A selective q becomes the list of
 * matching ids; a common one becomes a per-ticket test, so the list stops after one page of matches.
 */
export async function ticketSearchCondition(
  tx: Tx,
  workspaceId: number,
  actor: TicketActor,
  raw: string,
): Promise<{ condition: RawBuilder<SqlBool> }> {
  // Wrapped: a RawBuilder is a thenable that refuses to be awaited, so it cannot be a promise's value.
  const s = parseSearch(raw);
  const includeInternal = actor.kind === 'staff';
  const plan = await sql<{ ids: number[] | null; query: string | null }>`
    SELECT ids, query::text AS query FROM support_ticket_search_plan(${workspaceId}::bigint, ${s.text}::text,
      ${includeInternal}::boolean, ${s.numberPrefix}::text, ${s.emailPrefix}::text, ${searchTuning.idCap}::integer)`
    .execute(tx)
    .then((r) => r.rows[0]);
  if (plan?.ids) return { condition: sql<SqlBool>`t.id = ANY(${plan.ids}::bigint[])` };
  const tests: RawBuilder<SqlBool>[] = [];
  if (plan?.query) {
    const tsq = sql`${plan.query}::tsquery`;
    tests.push(
      sql<SqlBool>`t.search_vector @@ ${tsq}`,
      // OFFSET 0 keeps this a per-ticket probe; without it the planner may hash every matching message.
      sql<SqlBool>`EXISTS (SELECT 1 FROM support_ticket_messages m
        WHERE m.workspace_id = t.workspace_id AND m.ticket_id = t.id AND m.search_vector @@ ${tsq}
          AND (${includeInternal}::boolean OR (NOT m.is_internal AND m.message_type <> 'system'))
        OFFSET 0)`,
    );
  }
  if (s.numberPrefix) tests.push(sql<SqlBool>`t.ticket_number LIKE ${likePrefix(s.numberPrefix)}`);
  if (s.emailPrefix) {
    tests.push(sql<SqlBool>`EXISTS (SELECT 1 FROM customers c
      WHERE c.workspace_id = t.workspace_id AND c.id = t.customer_id
        AND lower(c.email) LIKE ${likePrefix(s.emailPrefix)})`);
  }
  if (tests.length === 0) return { condition: sql<SqlBool>`false` };
  return { condition: sql<SqlBool>`(${sql.join(tests, sql` OR `)})` };
}

export interface RankedTicket {
  id: number;
  /** BM25 of subject and description plus half the best matching message's; number matches first. */
  rank: number;
}

/**
 * The tickets matching q, best first (support_ticket_search_ranked, migration 0040): every match when
 * there are at most `searchTuning.idCap`, else the latest that many (by id, migration 0061). Ties: newest
 * first.
 */
export async function rankedTicketIds(
  tx: Tx,
  workspaceId: number,
  actor: TicketActor,
  raw: string,
): Promise<RankedTicket[]> {
  const s = parseSearch(raw);
  const { rows } = await sql<{ id: string | number; rank: number }>`
    SELECT id, rank FROM support_ticket_search_ranked(${workspaceId}::bigint, ${s.text}::text,
      ${actor.kind === 'staff'}::boolean, ${s.numberPrefix}::text, ${s.emailPrefix}::text,
      ${searchTuning.idCap}::integer)
    ORDER BY rank DESC, id DESC`.execute(tx);
  return rows.map((r) => ({ id: Number(r.id), rank: Number(r.rank) }));
}
