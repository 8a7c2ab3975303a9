import { describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { testDatabase } from '../../test/db.js';
import { buildUser, buildWorkspace } from '../../test/factories.js';
import { escalateTicket } from './breach-escalation.js';
import {
  breachNow,
  buildSla,
  buildTeam,
  future,
  reload,
  slaTicket,
  sweepKit,
  trail,
} from './sweep-test-kit.js';

const db = await testDatabase();
const { deps, deliver } = sweepKit(db);

/** The breach check of `target` on these tickets at `now`, and the notification jobs it queued. */
async function breach(
  tickets: { workspace_id: number; id: number }[],
  target: 'response' | 'resolution',
  now: Date,
) {
  const outcome = await breachNow(deps, tickets, target, now);
  await deliver();
  return outcome;
}

async function history(ticketId: number) {
  return asSystem(db, (tx) =>
    tx
      .selectFrom('ticket_history')
      .select(['field', 'old_value', 'new_value', 'actor_user_id'])
      .where('ticket_id', '=', ticketId)
      .orderBy('id')
      .execute(),
  );
}

describe('SLA escalation on breach', () => {
  it('moves the ticket to the escalation team, logs an escalated assignment and mails the team', async () => {
    const { at } = future();
    const ws = await buildWorkspace(db);
    const [ann, bob, carl] = [await buildUser(db, ws), await buildUser(db, ws), await buildUser(db, ws)];
    const firstLine = await buildTeam(db, ws, { name: 'First line', members: [carl.id] });
    const tier2 = await buildTeam(db, ws, { name: 'Tier 2', members: [ann.id, bob.id] });
    const sla = await buildSla(db, ws, {
      name: 'Gold',
      escalate_on_breach: true,
      escalation_team_id: tier2.id,
    });
    const ticket = await slaTicket(db, ws, {
      sla_id: sla.id,
      team_id: firstLine.id,
      assigned_to_id: carl.id,
      response_due_at: at(10),
      resolution_due_at: at(100),
    });

    expect(await breach([ticket], 'response', at(11))).toEqual({ done: 1, escalated: 1 });
    // Carl is not in Tier 2: released, so that Tier 2 can take the ticket.
    expect(await reload(db, ticket)).toMatchObject({ team_id: tier2.id, assigned_to_id: null });
    const after = await trail(db, ticket);
    expect(after.assignments).toEqual([
      {
        workspace_id: ws.id,
        action: 'escalated',
        from_team_id: firstLine.id,
        to_team_id: tier2.id,
        from_user_id: carl.id,
        to_user_id: null,
        reason: 'SLA "Gold": first response breached',
      },
    ]);
    expect(after.messages.map((m) => m.message)).toEqual([
      expect.stringMatching(/^SLA breached: the first response was due/) as unknown,
      'Escalated to team Tier 2 and unassigned — SLA "Gold": first response breached',
    ]);
    expect(after.events.find((e) => e.type === 'sla.breached')?.payload).toMatchObject({
      escalated_to_team_id: tier2.id,
    });
    expect(after.mails.map((m) => m.to_address)).toEqual([ann.email, bob.email]);
    expect(after.mails[0]).toMatchObject({
      workspace_id: ws.id,
      subject: `[${ticket.ticket_number}] Escalated to Tier 2: ${ticket.subject}`,
      text_body: expect.stringContaining('Reason: SLA "Gold": first response breached') as unknown,
    });
    expect(await history(ticket.id)).toEqual([
      { field: 'assigned_to', old_value: String(carl.id), new_value: null, actor_user_id: null },
      { field: 'team', old_value: String(firstLine.id), new_value: String(tier2.id), actor_user_id: null },
    ]);
    const assigned = await asSystem(db, (tx) =>
      tx
        .selectFrom('domain_events')
        .select('payload')
        .where('subject_id', '=', ticket.id)
        .where('type', '=', 'ticket.assigned')
        .execute(),
    );
    expect(assigned).toEqual([{ payload: expect.objectContaining({ action: 'escalated' }) as unknown }]);

    // The resolution breach later: the ticket is already with Tier 2, which hears of it again.
    await breach([ticket], 'resolution', at(101));
    const later = await trail(db, ticket);
    expect(later.assignments).toHaveLength(1);
    expect(later.mails).toHaveLength(4);
    expect(later.mails[3]?.text_body).toContain('Reason: SLA "Gold": resolution breached');
    // Nothing repeats on later passes.
    expect(await breach([ticket], 'response', at(500))).toEqual({ done: 0, escalated: 0 });
    expect(await breach([ticket], 'resolution', at(500))).toEqual({ done: 0, escalated: 0 });
    expect((await trail(db, ticket)).mails).toHaveLength(4);
  });

  it('hands the escalated ticket to an agent of a round_robin team at once', async () => {
    const { at } = future();
    const ws = await buildWorkspace(db);
    const [ann, carl] = [await buildUser(db, ws), await buildUser(db, ws)];
    const firstLine = await buildTeam(db, ws, { name: 'First line', members: [carl.id] });
    const tier2 = await buildTeam(db, ws, { members: [ann.id], assignment_mode: 'round_robin' });
    const sla = await buildSla(db, ws, { escalate_on_breach: true, escalation_team_id: tier2.id });
    const ticket = await slaTicket(db, ws, {
      sla_id: sla.id,
      team_id: firstLine.id,
      assigned_to_id: carl.id,
      response_due_at: at(10),
      resolution_due_at: at(100),
    });
    expect(await breach([ticket], 'response', at(11))).toEqual({ done: 1, escalated: 1 });
    expect(await reload(db, ticket)).toMatchObject({ team_id: tier2.id, assigned_to_id: ann.id });
    const actions = (await trail(db, ticket)).assignments.map((a) => [a.action, a.to_user_id]);
    expect(actions).toEqual([
      ['escalated', null],
      ['assigned', ann.id],
    ]);
  });

  it('keeps an assignee who is in the escalation team, and mails a team address once', async () => {
    const { at } = future();
    const ws = await buildWorkspace(db);
    const ann = await buildUser(db, ws);
    const tier2 = await buildTeam(db, ws, { email: 'tier2@shop.test', members: [ann.id] });
    const sla = await buildSla(db, ws, { escalate_on_breach: true, escalation_team_id: tier2.id });
    const ticket = await slaTicket(db, ws, {
      sla_id: sla.id,
      assigned_to_id: ann.id,
      response_due_at: at(1),
    });

    await breach([ticket], 'response', at(2));
    expect(await reload(db, ticket)).toMatchObject({ team_id: tier2.id, assigned_to_id: ann.id });
    const { assignments, mails, messages } = await trail(db, ticket);
    expect(assignments).toMatchObject([{ action: 'escalated', from_user_id: ann.id, to_user_id: ann.id }]);
    expect(mails.map((m) => m.to_address)).toEqual(['tier2@shop.test']);
    expect(messages[1]?.message).toBe('Escalated to team Tier 2 — SLA "Standard": first response breached');
  });

  it('does not escalate without escalate_on_breach, or to an inactive team', async () => {
    const { at } = future();
    const ws = await buildWorkspace(db);
    const ann = await buildUser(db, ws);
    const team = await buildTeam(db, ws, { members: [ann.id] });
    const closedTeam = await buildTeam(db, ws, { members: [ann.id], is_active: false });
    const off = await buildSla(db, ws, { escalate_on_breach: false, escalation_team_id: team.id });
    const toClosed = await buildSla(db, ws, { escalate_on_breach: true, escalation_team_id: closedTeam.id });
    const a = await slaTicket(db, ws, { sla_id: off.id, response_due_at: at(1) });
    const b = await slaTicket(db, ws, { sla_id: toClosed.id, response_due_at: at(1) });

    expect(await breach([a, b], 'response', at(2))).toEqual({ done: 2, escalated: 0 });
    for (const t of [a, b]) {
      expect(await reload(db, t)).toMatchObject({ response_breached: true, team_id: null });
      expect(await trail(db, t)).toMatchObject({ assignments: [], mails: [] });
    }
  });

  it('refuses a team of another workspace', async () => {
    const ws = await buildWorkspace(db);
    const other = await buildWorkspace(db);
    const foreign = await buildTeam(db, other, { email: 'x@other.test' });
    const ticket = await slaTicket(db, ws, {});
    const result = await inWorkspace(db, ws.id, (tx) =>
      escalateTicket(tx, {
        ticket,
        teamId: foreign.id,
        reason: 'test',
        now: new Date(),
        jobs: deps.jobs,
      }),
    );
    expect(result).toBeNull();
    expect(await reload(db, ticket)).toMatchObject({ team_id: null });
    expect(await trail(db, ticket)).toMatchObject({ assignments: [], mails: [] });
  });
});
