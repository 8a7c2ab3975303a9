/**
 * One workspace's share of a sweep pass, in one transaction: claims the due tickets of each check (each
 * exactly once, see claimDueTickets), adds the "SLA breached" system message to each breached ticket,
 * escalates those whose SLA escalates on breach, records an `sla.breached` / `sla.warning` event per
 * ticket. The mails of the warnings and escalations follow after commit, from the SLA mail subscriber
 * (notification-subscriber.ts), which reads the `sla.warning` and `ticket.escalated` events.
 */
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.js';
import { recordEvents, type DomainEvent } from '../../platform/events.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { drainTeamQueue } from '../assignment/index.js';
import { escalateTickets } from './breach-escalation.js';
import { targetLabel, type SweepCheck } from './sweep-checks.js';
import { breachMessage } from './sweep-mail.js';
import { addSystemMessages, claimDueTickets, currentOwners, type ClaimedTicket } from './sweep-repository.js';

export interface WorkspaceDue {
  workspaceId: number;
  /** Ids of due tickets per check, in the order the checks run (breaches before warnings). */
  due: readonly { check: SweepCheck; ids: readonly number[] }[];
  now: Date;
  jobs: JobQueue;
}

export interface WorkspaceOutcome {
  /** Tickets flagged per check, in the order of `due`. */
  done: number[];
  escalated: number;
}

/** Records what is still due of `due`; runs inside the workspace's transaction. */
export async function sweepWorkspace(tx: Tx, input: WorkspaceDue): Promise<WorkspaceOutcome> {
  const { workspaceId, now } = input;
  // Everything this transaction writes is redone by the next pass if it is lost, and lost whole (flags,
  // messages, events and the notification job together): it need not wait for its commit to be flushed.
  // A later synchronous commit (a notification's mails) flushes it first, so nothing can depend on a
  // sweep that a crash then forgets.
  await sql`SET LOCAL synchronous_commit = off`.execute(tx);
  const claimed: { check: SweepCheck; tickets: ClaimedTicket[] }[] = [];
  for (const { check, ids } of input.due) {
    claimed.push({ check, tickets: await claimDueTickets(tx, check, workspaceId, ids, now) });
  }
  const breaches = claimed.filter((c) => c.check.effect === 'breach');

  await addSystemMessages(
    tx,
    breaches.flatMap(({ check, tickets }) =>
      tickets.map((t) => ({
        workspace_id: workspaceId,
        ticket_id: t.id,
        text: breachMessage(check.target, t.due_at, { timezone: t.timezone, slaName: t.sla_name }),
      })),
    ),
    now,
  );

  // Escalations: one set-based call per team, each ticket with its reason.
  const byTeam = new Map<number, { id: number; reason: string }[]>();
  for (const { check, tickets } of breaches) {
    for (const t of tickets) {
      if (t.escalation_team_id === null) continue;
      const reason = `SLA "${t.sla_name}": ${targetLabel(check.target)} breached`;
      const team = byTeam.get(t.escalation_team_id) ?? [];
      const both = team.find((e) => e.id === t.id); // response and resolution breached at once
      if (both) both.reason = `${both.reason}; ${reason}`;
      else team.push({ id: t.id, reason });
      byTeam.set(t.escalation_team_id, team);
    }
  }
  const escalatedTo = new Set<number>();
  for (const [teamId, tickets] of byTeam) {
    const outcome = await escalateTickets(tx, {
      workspaceId,
      tickets,
      teamId,
      now,
      jobs: input.jobs,
    });
    if (!outcome) continue;
    for (const r of outcome.tickets) escalatedTo.add(r.ticketId);
    // Escalated tickets without an agent wait in the team's queue: its automation (round_robin,
    // least_open) hands them out now, as it does for any arrival; a manual team keeps them queued.
    if (outcome.tickets.some((r) => r.moved && r.assignedToId === null)) {
      await drainTeamQueue(tx, { workspaceId, teamId, now, actor: {} });
    }
  }

  // Who is responsible now, after the escalations and the drains above.
  const owners = await currentOwners(
    tx,
    workspaceId,
    claimed.flatMap((c) => c.tickets.map((t) => t.id)),
  );
  const events = claimed.flatMap(({ check, tickets }) =>
    tickets.map((t): DomainEvent => {
      const base = {
        ticket_id: t.id,
        ticket_number: t.ticket_number,
        target: check.target,
        due_at: t.due_at.toISOString(),
        assigned_to: owners.get(t.id)?.assigned_to_id ?? null,
        team_id: owners.get(t.id)?.team_id ?? null,
        sla_id: t.sla_id,
      };
      return check.effect === 'breach'
        ? {
            workspaceId,
            type: 'sla.breached',
            subjectId: t.id,
            payload: { ...base, escalated_to_team_id: escalatedTo.has(t.id) ? t.escalation_team_id : null },
          }
        : {
            workspaceId,
            type: 'sla.warning',
            subjectId: t.id,
            payload: { ...base, warning_at: t.at.toISOString() },
          };
    }),
  );
  await recordEvents(tx, events);
  return { done: claimed.map((c) => c.tickets.length), escalated: escalatedTo.size };
}
