import { describe, expect, it } from 'vitest';
import { inWorkspace } from '../../db/tenant.js';
import { testApp } from '../../test/app.js';
import { buildTicket } from '../../test/factories.js';
import { routingContext, type ArrivedTicket } from './test-helpers.js';

const { app, db } = await testApp();

/** Every ticket assigned exactly once: one `assigned` log row each, naming the agent the ticket has. */
async function expectAssignedOnce(ctx: Awaited<ReturnType<typeof routingContext>>, ids: number[]) {
  const rows = await ctx.tickets();
  const log = await ctx.log();
  for (const id of ids) {
    const ticket = rows.find((r) => r.id === id);
    const entries = log.filter((l) => l.ticket_id === id && l.to_user_id !== null);
    expect(entries, `ticket ${id}`).toHaveLength(1);
    expect(entries[0]?.to_user_id).toBe(ticket?.assigned_to_id);
  }
}

describe('concurrent arrivals', () => {
  it('spreads 100 simultaneous tickets evenly over a round_robin team of 4, each assigned once', async () => {
    const ctx = await routingContext(app, db, { mode: 'round_robin', agents: 4 });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => ctx.open({ subject: `Rush ${i}` })),
    );
    expect(results.map((r) => r.statusCode).filter((s) => s !== 201)).toEqual([]);
    const ids = results.map((r) => r.json<{ id: number }>().id);
    expect(await ctx.loads()).toEqual([25, 25, 25, 25]);
    const rows = await ctx.tickets();
    expect(rows.filter((r) => r.team_id === ctx.team.id && r.assigned_to_id !== null)).toHaveLength(100);
    await expectAssignedOnce(ctx, ids);
  });

  it('evens out uneven starting loads under least_open with 40 simultaneous tickets', async () => {
    const ctx = await routingContext(app, db, { mode: 'least_open', agents: 4 });
    const start = [0, 3, 6, 12];
    for (const [i, n] of start.entries()) {
      for (let k = 0; k < n; k++) {
        await buildTicket(db, ctx.ws, { status: 'open', assigned_to_id: ctx.agents[i]!.id });
      }
    }
    const results = await Promise.all(Array.from({ length: 40 }, () => ctx.open()));
    expect(results.map((r) => r.statusCode).filter((s) => s !== 201)).toEqual([]);
    const loads = await ctx.loads();
    expect(loads.reduce((a, b) => a + b, 0)).toBe(61);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    // The heaviest agent got only what was left after the others caught up with them.
    expect(loads[3]! - 12).toBeLessThanOrEqual(4);
    await expectAssignedOnce(
      ctx,
      results.map((r) => r.json<{ id: number }>().id),
    );
  });

  it('never hands a queued ticket out twice when agents come back and tickets arrive at once', async () => {
    const ctx = await routingContext(app, db, { mode: 'round_robin', agents: 4, cap: 5 });
    for (const a of ctx.agents) await ctx.setAvailability(a.token, 'away');
    const queued: ArrivedTicket[] = [];
    for (let i = 0; i < 15; i++) queued.push(await ctx.arrive());
    expect(queued.every((t) => t.assigned_to === null)).toBe(true);
    const [backs, arrivals] = await Promise.all([
      Promise.all(ctx.agents.map((a) => ctx.setAvailability(a.token, 'available'))),
      Promise.all(Array.from({ length: 10 }, () => ctx.open())),
    ]);
    expect([...backs, ...arrivals].map((r) => r.statusCode).filter((s) => s !== 200 && s !== 201)).toEqual(
      [],
    );
    // 25 tickets, caps of 5 for 4 agents: 20 assigned, 5 still waiting.
    expect(await ctx.loads()).toEqual([5, 5, 5, 5]);
    const rows = await ctx.tickets();
    expect(rows.filter((r) => r.assigned_to_id === null)).toHaveLength(5);
    await expectAssignedOnce(
      ctx,
      rows.filter((r) => r.assigned_to_id !== null).map((r) => r.id),
    );
    // The oldest queued tickets went first.
    const waiting = rows.filter((r) => r.assigned_to_id === null).map((r) => r.id);
    expect(queued.every((t) => !waiting.includes(t.id))).toBe(true);
    const dup = await inWorkspace(db, ctx.ws.id, (tx) =>
      tx
        .selectFrom('ticket_assignments')
        .select(['ticket_id'])
        .where('to_user_id', 'is not', null)
        .groupBy('ticket_id')
        .having((eb) => eb.fn.countAll(), '>', 1)
        .execute(),
    );
    expect(dup).toEqual([]);
  });
});
