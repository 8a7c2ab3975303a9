import { describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { asBearer, testApp } from '../../test/app.js';
import { buildTicket, buildUser } from '../../test/factories.js';
import { routeToTeam } from './route-to-team.js';
import { sweepTeamQueues } from './sweep-job.js';
import { routingContext, type ArrivedTicket } from './test-helpers.js';

const { app, db } = await testApp();

describe('routing on arrival', () => {
  it('round_robin hands a category’s new tickets to the team’s members in turn, logging each', async () => {
    const ctx = await routingContext(app, db, { mode: 'round_robin', agents: 3 });
    const got: ArrivedTicket[] = [];
    for (let i = 0; i < 6; i++) got.push(await ctx.arrive());
    const [a, b, c] = ctx.agents.map((x) => x.id);
    expect(got.map((t) => t.assigned_to?.id)).toEqual([a, b, c, a, b, c]);
    expect(got.every((t) => t.team?.id === ctx.team.id)).toBe(true);
    const first = await ctx.log(got[0]?.id);
    expect(first).toEqual([
      expect.objectContaining({
        action: 'assigned',
        from_user_id: null,
        to_user_id: a,
        from_team_id: null,
        to_team_id: ctx.team.id,
        reason: 'auto: round_robin — category billing',
      }),
    ]);
    const team = await ctx.call('GET', `/api/support/admin/teams/${ctx.team.id}/`);
    expect(team.json()).toMatchObject({
      assignment_mode: 'round_robin',
      last_assigned_to: c,
      queued_tickets: 0,
    });
  });

  it('routes the anonymous web form by category too', async () => {
    const ctx = await routingContext(app, db, { mode: 'round_robin', agents: 2 });
    const res = await app.inject({
      method: 'POST',
      url: '/api/support/tickets/',
      headers: { 'x-workspace': ctx.ws.slug },
      payload: {
        subject: 'Refund',
        description: 'Where is it?',
        email: 'anon@example.test',
        category: 'billing',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await ctx.tickets();
    expect(row).toMatchObject({ team_id: ctx.team.id, assigned_to_id: ctx.agents[0]?.id });
  });

  it('least_open gives each ticket to the member with the fewest open tickets', async () => {
    const ctx = await routingContext(app, db, { mode: 'least_open', agents: 3 });
    const [a, b, c] = ctx.agents;
    // Starting loads 3, 1, 0 — a resolved ticket does not count.
    for (const [agent, n] of [
      [a, 3],
      [b, 1],
    ] as const) {
      for (let i = 0; i < n; i++)
        await buildTicket(db, ctx.ws, { status: 'open', assigned_to_id: agent!.id });
    }
    await buildTicket(db, ctx.ws, { status: 'resolved', assigned_to_id: c!.id });
    for (let i = 0; i < 5; i++) await ctx.arrive();
    expect(await ctx.loads()).toEqual([3, 3, 3]);
    const reasons = (await ctx.log()).map((r) => r.reason);
    expect(reasons.every((r) => r.startsWith('auto: least_open'))).toBe(true);
  });

  it('manual teams keep new tickets in their queue', async () => {
    const ctx = await routingContext(app, db, { mode: 'manual', agents: 2 });
    const t = await ctx.arrive();
    expect(t.assigned_to).toBeNull();
    expect(t.team?.id).toBe(ctx.team.id);
    expect(await ctx.log(t.id)).toEqual([
      expect.objectContaining({
        action: 'assigned',
        to_user_id: null,
        to_team_id: ctx.team.id,
        reason: 'queued: manual team — category billing',
      }),
    ]);
    // Making the team automatic hands the queue out at once.
    const patched = await ctx.call('PATCH', `/api/support/admin/teams/${ctx.team.id}/`, {
      assignment_mode: 'round_robin',
    });
    expect(patched.json()).toMatchObject({ queued_tickets: 0 });
    expect((await ctx.tickets())[0]?.assigned_to_id).toBe(ctx.agents[0]?.id);
  });

  it('lets an explicit default assignee win over the team’s automation', async () => {
    const ctx = await routingContext(app, db, { mode: 'round_robin', agents: 2 });
    const lead = ctx.agents[1]!;
    await ctx.setAvailability(lead.token, 'away');
    const cat = await ctx.call('POST', '/api/support/admin/categories/', {
      name: 'VIP',
      team: ctx.team.id,
      default_assignee: lead.id,
    });
    expect(cat.json()).toMatchObject({ team: { id: ctx.team.id }, default_assignee: { id: lead.id } });
    const t = await ctx.arrive({ category: 'vip' });
    expect(t).toMatchObject({ assigned_to: { id: lead.id }, team: { id: ctx.team.id } });
    expect(await ctx.log(t.id)).toEqual([
      expect.objectContaining({
        to_user_id: lead.id,
        to_team_id: ctx.team.id,
        reason: 'default assignee of the category',
      }),
    ]);
  });

  it('never picks deactivated accounts or people who left the team', async () => {
    const ctx = await routingContext(app, db, { mode: 'round_robin', agents: 3 });
    const [a, b, c] = ctx.agents;
    await asSystem(db, (tx) =>
      tx.updateTable('users').set({ is_active: false }).where('id', '=', a!.id).execute(),
    );
    const put = await ctx.call('PUT', `/api/support/admin/teams/${ctx.team.id}/members/`, {
      members: [a!.id, c!.id],
    });
    expect(put.statusCode).toBe(200);
    for (let i = 0; i < 3; i++) await ctx.arrive();
    expect(await ctx.loads()).toEqual([0, 0, 3]);
    expect(b).toBeDefined();
  });

  it('leaves tickets uncategorised or in team-less categories alone', async () => {
    const ctx = await routingContext(app, db, { mode: 'round_robin', agents: 2 });
    await ctx.call('POST', '/api/support/admin/categories/', { name: 'Other' });
    const t1 = await ctx.arrive({ category: 'other' });
    const t2 = await ctx.arrive({ category: null });
    expect([t1.team, t1.assigned_to, t2.team, t2.assigned_to]).toEqual([null, null, null, null]);
    expect(await ctx.log()).toEqual([]);
  });
});

describe('availability and capacity', () => {
  it('skips away agents, queues when nobody is available, and drains when someone comes back', async () => {
    const ctx = await routingContext(app, db, { mode: 'round_robin', agents: 2, cap: 2 });
    const [a, b] = ctx.agents;
    expect((await ctx.setAvailability(a!.token, 'away')).json()).toMatchObject({
      availability: 'away',
      assigned: 0,
    });
    const t1 = await ctx.arrive();
    expect(t1.assigned_to?.id).toBe(b!.id);
    await ctx.setAvailability(b!.token, 'offline');
    const queued: ArrivedTicket[] = [];
    for (let i = 0; i < 3; i++) queued.push(await ctx.arrive());
    expect(queued.map((t) => t.assigned_to)).toEqual([null, null, null]);
    expect(await ctx.log(queued[0]!.id)).toEqual([
      expect.objectContaining({ to_user_id: null, reason: 'queued: no agent available — category billing' }),
    ]);
    const team = await ctx.call('GET', `/api/support/admin/teams/${ctx.team.id}/`);
    expect(team.json()).toMatchObject({
      queued_tickets: 3,
      members: [
        { id: a!.id, availability: 'away', open_tickets: 0 },
        { id: b!.id, availability: 'offline', open_tickets: 1 },
      ],
    });
    // A comes back: the two oldest queued tickets, up to A's cap of 2.
    const back = await ctx.setAvailability(a!.token, 'available');
    expect(back.json()).toMatchObject({ availability: 'available', assigned: 2, open_tickets: 2 });
    const rows = await ctx.tickets();
    expect(rows.filter((r) => r.assigned_to_id === a!.id).map((r) => r.id)).toEqual([
      queued[0]!.id,
      queued[1]!.id,
    ]);
    expect(rows.find((r) => r.id === queued[2]!.id)?.assigned_to_id).toBeNull();
    const drained = await ctx.log(queued[0]!.id);
    expect(drained[1]).toMatchObject({
      action: 'assigned',
      to_user_id: a!.id,
      reason: 'auto: round_robin (from the queue)',
      created_by_id: a!.id,
    });
    const system = await inWorkspace(db, ctx.ws.id, (tx) =>
      tx
        .selectFrom('support_ticket_messages')
        .select('message')
        .where('ticket_id', '=', queued[0]!.id)
        .where('message_type', '=', 'system')
        .execute(),
    );
    expect(system.map((m) => m.message)).toEqual([
      `Taken from the queue of team ${(await ctx.call('GET', `/api/support/admin/teams/${ctx.team.id}/`)).json<{ name: string }>().name}, assigned to Agent A — auto: round_robin (from the queue)`,
    ]);
  });

  it('respects the team cap, and a resolved ticket lets its agent take the next queued one', async () => {
    const ctx = await routingContext(app, db, { mode: 'least_open', agents: 2, cap: 2 });
    const [a, b] = ctx.agents;
    const got: ArrivedTicket[] = [];
    for (let i = 0; i < 6; i++) got.push(await ctx.arrive());
    expect(await ctx.loads()).toEqual([2, 2]);
    expect(got.slice(4).map((t) => t.assigned_to)).toEqual([null, null]);
    const aTicket = got.find((t) => t.assigned_to?.id === a!.id)!;
    expect((await ctx.setStatus(aTicket.id, 'resolved')).statusCode).toBe(200);
    const rows = await ctx.tickets();
    expect(rows.find((r) => r.id === got[4]!.id)?.assigned_to_id).toBe(a!.id);
    expect(rows.find((r) => r.id === got[5]!.id)?.assigned_to_id).toBeNull();
    // Pending still counts as open work: no room freed.
    const bTicket = got.find((t) => t.assigned_to?.id === b!.id)!;
    await ctx.setStatus(bTicket.id, 'pending');
    expect((await ctx.tickets()).find((r) => r.id === got[5]!.id)?.assigned_to_id).toBeNull();
    await ctx.setStatus(bTicket.id, 'closed');
    expect((await ctx.tickets()).find((r) => r.id === got[5]!.id)?.assigned_to_id).toBe(b!.id);
  });

  it('uses a member’s own cap over the team’s (0 keeps them out of automatic assignment)', async () => {
    const ctx = await routingContext(app, db, { mode: 'round_robin', agents: 2, cap: 5 });
    const [a, b] = ctx.agents;
    const url = `/api/support/admin/teams/${ctx.team.id}/members/${a!.id}/`;
    const set = await ctx.call('PATCH', url, { max_open_tickets: 0 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      members: [
        { id: a!.id, max_open_tickets: 0 },
        { id: b!.id, max_open_tickets: null },
      ],
    });
    for (let i = 0; i < 3; i++) await ctx.arrive();
    expect(await ctx.loads()).toEqual([0, 3]);
    await ctx.call('PATCH', `/api/support/admin/teams/${ctx.team.id}/members/${b!.id}/`, {
      max_open_tickets: 3,
    });
    const queued = await ctx.arrive();
    expect(queued.assigned_to).toBeNull();
    // Raising A's cap hands A the waiting ticket.
    await ctx.call('PATCH', url, { max_open_tickets: null });
    expect((await ctx.tickets()).find((r) => r.id === queued.id)?.assigned_to_id).toBe(a!.id);
  });
});

describe('routeToTeam (escalation, manual moves)', () => {
  it('escalates a ticket to another team, whose automation picks a new agent', async () => {
    const ctx = await routingContext(app, db, { mode: 'round_robin', agents: 2 });
    const outsider = await buildUser(db, ctx.ws, { name: 'First Line' });
    const ticket = await buildTicket(db, ctx.ws, { status: 'open', assigned_to_id: outsider.id });
    const result = await inWorkspace(db, ctx.ws.id, (tx) =>
      routeToTeam(tx, {
        workspaceId: ctx.ws.id,
        ticketId: ticket.id,
        teamId: ctx.team.id,
        reason: 'SLA Gold: resolution breached',
        now: new Date(),
        actor: {},
        escalate: true,
      }),
    );
    expect(result).toMatchObject({ outcome: 'assigned', unchanged: false });
    expect(result.ticket).toMatchObject({ team_id: ctx.team.id, assigned_to_id: ctx.agents[0]!.id });
    expect(await ctx.log(ticket.id)).toEqual([
      expect.objectContaining({
        action: 'escalated',
        from_user_id: outsider.id,
        to_user_id: ctx.agents[0]!.id,
        to_team_id: ctx.team.id,
        reason: 'auto: round_robin — SLA Gold: resolution breached',
        created_by_id: null,
      }),
    ]);
    const history = await inWorkspace(db, ctx.ws.id, (tx) =>
      tx
        .selectFrom('ticket_history')
        .select(['field', 'new_value'])
        .where('ticket_id', '=', ticket.id)
        .orderBy('id')
        .execute(),
    );
    expect(history).toEqual([
      { field: 'assigned_to', new_value: String(ctx.agents[0]!.id) },
      { field: 'team', new_value: String(ctx.team.id) },
    ]);
    // Routing again to the same team changes nothing and writes nothing.
    const again = await inWorkspace(db, ctx.ws.id, (tx) =>
      routeToTeam(tx, {
        workspaceId: ctx.ws.id,
        ticketId: ticket.id,
        teamId: ctx.team.id,
        reason: '',
        now: new Date(),
        actor: {},
      }),
    );
    expect(again).toMatchObject({ outcome: 'kept', unchanged: true });
    expect(await ctx.log(ticket.id)).toHaveLength(1);
  });

  it('keeps the agent when they are in the target team, and routes through the admin endpoint', async () => {
    const ctx = await routingContext(app, db, { mode: 'round_robin', agents: 2 });
    const b = ctx.agents[1]!;
    const ticket = await buildTicket(db, ctx.ws, { status: 'open', assigned_to_id: b.id });
    const res = await ctx.call('POST', `/api/support/admin/tickets/${ticket.id}/route/`, {
      team: ctx.team.id,
      reason: 'billing question',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ team: { id: ctx.team.id }, assigned_to: { id: b.id } });
    expect((await ctx.log(ticket.id))[0]).toMatchObject({
      action: 'reassigned',
      from_user_id: b.id,
      to_user_id: b.id,
      reason: 'team changed, agent kept — billing question',
    });
    // An unassigned ticket routed by an agent goes to the next in turn.
    const loose = await buildTicket(db, ctx.ws, { status: 'new' });
    const byAgent = await app.inject(
      asBearer(b.token, {
        method: 'POST',
        url: `/api/support/admin/tickets/${loose.ticket_number}/route/`,
        payload: { team: ctx.team.id },
      }),
    );
    expect(byAgent.json()).toMatchObject({ assigned_to: { id: ctx.agents[0]!.id } });
  });

  it('puts an unassigned ticket of an automatic team back in turn, and frees the previous agent', async () => {
    const ctx = await routingContext(app, db, { mode: 'round_robin', agents: 2, cap: 1 });
    const [a, b] = ctx.agents;
    const t1 = await ctx.arrive();
    const t2 = await ctx.arrive();
    const t3 = await ctx.arrive();
    expect([t1.assigned_to?.id, t2.assigned_to?.id, t3.assigned_to]).toEqual([a!.id, b!.id, null]);
    // Moving A's ticket to someone outside the team frees A, who takes the queued one.
    const other = await buildUser(db, ctx.ws, { name: 'Other' });
    const moved = await ctx.call('POST', `/api/support/admin/tickets/${t1.id}/assign/`, {
      assigned_to: other.id,
    });
    expect(moved.statusCode).toBe(200);
    expect((await ctx.tickets()).find((r) => r.id === t3.id)?.assigned_to_id).toBe(a!.id);
  });

  it('answers 404 for another workspace’s team or ticket and 400 for a bad body', async () => {
    const a = await routingContext(app, db, { mode: 'round_robin', agents: 1 });
    const b = await routingContext(app, db, { mode: 'round_robin', agents: 1 });
    const mine = await buildTicket(db, a.ws);
    const theirs = await buildTicket(db, b.ws);
    const route = (ticket: number, payload: object) =>
      a.call('POST', `/api/support/admin/tickets/${ticket}/route/`, payload);
    expect((await route(mine.id, { team: b.team.id })).statusCode).toBe(404);
    expect((await route(theirs.id, { team: a.team.id })).statusCode).toBe(404);
    expect((await route(mine.id, {})).statusCode).toBe(400);
    expect((await route(mine.id, { team: 'x' })).statusCode).toBe(400);
    expect((await route(mine.id, { team: a.team.id, extra: 1 })).statusCode).toBe(400);
    await a.call('PATCH', `/api/support/admin/teams/${a.team.id}/`, { is_active: false });
    expect((await route(mine.id, { team: a.team.id })).statusCode).toBe(400);
    expect((await a.tickets()).find((t) => t.id === mine.id)?.team_id).toBeNull();
  });
});

describe('assignment.sweep', () => {
  it('hands out queued tickets that no change drained, and leaves manual teams alone', async () => {
    const ctx = await routingContext(app, db, { mode: 'round_robin', agents: 1 });
    const manual = await routingContext(app, db, { mode: 'manual', agents: 1 });
    const waiting = await ctx.arrive();
    const stays = await manual.arrive();
    // Capacity that appeared without a drain: the ticket was put back by hand.
    await inWorkspace(db, ctx.ws.id, (tx) =>
      tx.updateTable('support_tickets').set({ assigned_to_id: null }).where('id', '=', waiting.id).execute(),
    );
    expect(await sweepTeamQueues(db, new Date())).toBeGreaterThanOrEqual(1);
    expect((await ctx.tickets())[0]?.assigned_to_id).toBe(ctx.agents[0]!.id);
    expect((await manual.tickets()).find((t) => t.id === stays.id)?.assigned_to_id).toBeNull();
  });
});
