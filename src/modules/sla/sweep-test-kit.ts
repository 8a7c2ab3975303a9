/**
 * Test helpers of the SLA sweep: SLAs, teams and tickets with due and warning times written directly on
 * the rows (the SLA clock that computes them has tests of its own), and what the sweep left behind.
 *
 * The sweep reads every workspace, and on PostgreSQL all test files share one database, running at once.
 * So each test lives in its own day of the early 20th century (`era()`): its tickets fall due there and
 * its sweeps run there, far from any other test's tickets. Each test file has its own block of days
 * (from a hash of its name), and its tests go backwards through it, so a later test never reaches an
 * earlier one's tickets.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { expect } from 'vitest';
import type { Database } from '../../db/client.js';
import type { SupportTicket, Workspace } from '../../db/schema.js';
import { asSystem } from '../../db/tenant.js';
import { createPgBossQueue } from '../../platform/jobs/pg-boss-queue.js';
import { createLogger } from '../../platform/logger.js';
import { buildTicket } from '../../test/factories.js';
import type { SlaSweepDeps } from './breach-sweep.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const DAYS_PER_FILE = 32;
const FILE_BLOCKS = 700; // 1905 to ~1966
let eras = 0;

/** A day of its own for one test (t0 at its start), and times relative to it. */
export function era() {
  const file = basename(expect.getState().testPath ?? '');
  const block = createHash('sha256').update(file).digest().readUInt32BE(0) % FILE_BLOCKS;
  eras++;
  if (eras >= DAYS_PER_FILE) throw new Error('more tests in this file than it has days');
  const t0 = Date.UTC(1905, 0, 1) + (block * DAYS_PER_FILE + DAYS_PER_FILE - eras) * DAY;
  return {
    t0: new Date(t0),
    /** t0 plus `m` minutes. */
    at: (m: number) => new Date(t0 + m * MINUTE),
  };
}

export function sweepDeps(db: Database): SlaSweepDeps {
  return {
    db,
    jobs: createPgBossQueue(db.raw, { pollSeconds: 1, supervise: false }),
    log: createLogger('silent'),
    publicUrl: 'https://help.example.test',
  };
}

export async function buildSla(
  db: Database,
  ws: Workspace,
  values: { name?: string; escalate_on_breach?: boolean; escalation_team_id?: number | null } = {},
) {
  return asSystem(db, (tx) =>
    tx
      .insertInto('slas')
      .values({
        workspace_id: ws.id,
        name: values.name ?? 'Standard',
        escalate_on_breach: values.escalate_on_breach ?? false,
        escalation_team_id: values.escalation_team_id ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

export async function buildTeam(
  db: Database,
  ws: Workspace,
  values: { name?: string; email?: string; members?: number[]; is_active?: boolean } = {},
) {
  return asSystem(db, async (tx) => {
    const team = await tx
      .insertInto('support_teams')
      .values({
        workspace_id: ws.id,
        name: values.name ?? 'Tier 2',
        email: values.email ?? '',
        is_active: values.is_active ?? true,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const user_id of values.members ?? []) {
      await tx
        .insertInto('support_team_members')
        .values({ workspace_id: ws.id, team_id: team.id, user_id })
        .execute();
    }
    return team;
  });
}

export type SlaColumns = Partial<
  Pick<
    SupportTicket,
    | 'status'
    | 'sla_id'
    | 'team_id'
    | 'assigned_to_id'
    | 'first_response_at'
    | 'response_due_at'
    | 'resolution_due_at'
    | 'response_warning_at'
    | 'resolution_warning_at'
    | 'sla_paused_at'
    | 'response_breached'
    | 'resolution_breached'
  >
>;

/** A ticket with its SLA columns set as the clock would have set them. */
export async function slaTicket(db: Database, ws: Workspace, columns: SlaColumns): Promise<SupportTicket> {
  const ticket = await buildTicket(db, ws, { status: 'open' });
  return setSla(db, ticket, columns);
}

export async function setSla(
  db: Database,
  ticket: SupportTicket,
  columns: SlaColumns,
): Promise<SupportTicket> {
  if (Object.keys(columns).length === 0) return ticket;
  return asSystem(db, (tx) =>
    tx
      .updateTable('support_tickets')
      .set(columns)
      .where('id', '=', ticket.id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

export async function reload(db: Database, ticket: { id: number }): Promise<SupportTicket> {
  return asSystem(db, (tx) =>
    tx.selectFrom('support_tickets').selectAll().where('id', '=', ticket.id).executeTakeFirstOrThrow(),
  );
}

/** Everything the sweep wrote about a ticket, with the workspace each row was written in. */
export async function trail(db: Database, ticket: { id: number }) {
  return asSystem(db, async (tx) => ({
    messages: await tx
      .selectFrom('support_ticket_messages')
      .select(['workspace_id', 'message', 'message_type', 'is_internal'])
      .where('ticket_id', '=', ticket.id)
      .where('message_type', '=', 'system')
      .orderBy('id')
      .execute(),
    events: await tx
      .selectFrom('domain_events')
      .select(['workspace_id', 'type', 'payload'])
      .where('subject_type', '=', 'ticket')
      .where('subject_id', '=', ticket.id)
      .where('type', 'like', 'sla.%')
      .orderBy('id')
      .execute(),
    mails: await tx
      .selectFrom('outbound_emails')
      .select(['workspace_id', 'to_address', 'subject', 'text_body'])
      .where('ticket_id', '=', ticket.id)
      .orderBy('id')
      .execute(),
    assignments: await tx
      .selectFrom('ticket_assignments')
      .select([
        'workspace_id',
        'action',
        'from_team_id',
        'to_team_id',
        'from_user_id',
        'to_user_id',
        'reason',
      ])
      .where('ticket_id', '=', ticket.id)
      .orderBy('id')
      .execute(),
  }));
}
