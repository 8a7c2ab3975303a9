/**
 * Test helpers of the SLA sweep: SLAs, teams and tickets with due and warning times written directly on
 * the rows (the SLA clock that computes them has tests of its own), and what the sweep left behind.
 *
 * The sweep reads every workspace, and on PostgreSQL all test files share one database, running at once.
 * So whole sweeps (sweepSla) run in one test file only, breach-sweep.test.ts, each test in its own day of
 * the 1950s (`era()`), far before any other test's tickets fall due; the days go backwards,
 * so a later test never reaches an earlier one's tickets. Other files run a check on their own tickets
 * only (`breachNow`), at times in the 23rd century (`future()`), which no whole sweep reaches.
 */
import { expect } from 'vitest';
import type { Database } from '../../db/client.js';
import type { AssignmentMode, SupportTicket, Workspace } from '../../db/schema.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { createPgBossQueue } from '../../platform/jobs/pg-boss-queue.js';
import type { StoredEvent } from '../../platform/events/subscriber.js';
import { createLogger } from '../../platform/logger.js';
import { buildTicket } from '../../test/factories.js';
import type { SlaSweepDeps } from './breach-sweep.js';
import { SWEEP_CHECKS, type SlaTarget } from './sweep-checks.js';
import { slaMailSubscriber } from './notification-subscriber.js';
import { sweepWorkspace } from './sweep-workspace.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
let eras = 0;

function times(t0: number) {
  return {
    t0: new Date(t0),
    /** t0 plus `m` minutes. */
    at: (m: number) => new Date(t0 + m * MINUTE),
  };
}

/** A day of its own in the past for one test of breach-sweep.test.ts. */
export function era() {
  if (!(expect.getState().testPath ?? '').endsWith('breach-sweep.test.ts')) {
    throw new Error('whole sweeps run in breach-sweep.test.ts only; use future() and breachNow()');
  }
  eras++;
  return times(Date.UTC(1960, 0, 1) - eras * DAY);
}

/** A day of its own, in the 23rd century, for a test that runs checks on its own tickets only. */
export function future() {
  eras++;
  return times(Date.UTC(2200, 0, 1) + eras * DAY);
}

/** Runs one breach check on these tickets only (one workspace), as the sweep would at `now`. */
export async function breachNow(
  deps: SlaSweepDeps,
  tickets: readonly { workspace_id: number; id: number }[],
  target: SlaTarget,
  now: Date,
) {
  const check = SWEEP_CHECKS.find((c) => c.target === target && c.effect === 'breach')!;
  const workspaceId = tickets[0]!.workspace_id;
  const outcome = await inWorkspace(deps.db, workspaceId, (tx) =>
    sweepWorkspace(tx, {
      workspaceId,
      due: [{ check, ids: tickets.map((t) => t.id) }],
      now,
      jobs: deps.jobs,
    }),
  );
  return { done: outcome.done[0], escalated: outcome.escalated };
}

/**
 * Sweep dependencies on the test database, and deliver(): hands the SLA events committed since the last
 * call to the SLA mail subscriber, as the after-commit dispatcher does (in log order, each once here;
 * `redeliver` hands events again, as the dispatcher may after a crash). The sweep runs over every
 * workspace, so this reads all of them; the mails' source keys keep another file's events harmless.
 */
export function sweepKit(db: Database) {
  const jobs = createPgBossQueue(db.raw, { pollSeconds: 1, supervise: false });
  const deps: SlaSweepDeps = { db, jobs, log: createLogger('silent') };
  const subscriber = slaMailSubscriber({ db, jobs, publicUrl: PUBLIC_URL });
  let after: number | null = null;
  const types = subscriber.types === '*' ? [] : [...subscriber.types];
  const committed = async (from: number) =>
    asSystem(db, (tx) =>
      tx
        .selectFrom('domain_events')
        .selectAll()
        .where('id', '>', from)
        .where('type', 'in', types)
        .orderBy('id')
        .execute(),
    );
  const mark = async () => {
    const row = await asSystem(db, (tx) =>
      tx
        .selectFrom('domain_events')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst(),
    );
    return Number(row?.id ?? 0);
  };
  // Start at the log's head: earlier events are other files' (and other runs') business.
  const start = mark();
  const handled: StoredEvent[] = [];
  const kit = {
    deps,
    /** The SLA events handed to the subscriber so far. */
    handled,
    deliver: async () => {
      after ??= await start;
      for (const r of await committed(after)) {
        const event: StoredEvent = {
          id: r.id,
          workspaceId: r.workspace_id,
          type: r.type,
          subjectType: r.subject_type,
          subjectId: r.subject_id,
          actorUserId: r.actor_user_id,
          actorCustomerId: r.actor_customer_id,
          payload: r.payload,
          createdAt: r.created_at,
        };
        await subscriber.handle(event);
        handled.push(event);
        after = Math.max(after, r.id);
      }
    },
    redeliver: async (events: readonly StoredEvent[]) => {
      for (const e of events) await subscriber.handle(e);
    },
  };
  return kit;
}

export const PUBLIC_URL = 'https://help.example.test';

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
  values: {
    name?: string;
    email?: string;
    members?: number[];
    is_active?: boolean;
    assignment_mode?: AssignmentMode;
  } = {},
) {
  return asSystem(db, async (tx) => {
    const team = await tx
      .insertInto('support_teams')
      .values({
        workspace_id: ws.id,
        name: values.name ?? 'Tier 2',
        email: values.email ?? '',
        is_active: values.is_active ?? true,
        assignment_mode: values.assignment_mode ?? 'manual',
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
