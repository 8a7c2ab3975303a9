/**
 * The team-queue subscriber: queue moves after a status change run after commit, once per event in
 * effect — the dispatcher may hand an event twice (at least once), and the second time hands out nothing.
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/app.js';
import { lastEventId, storedEvents } from '../../test/stored-events.js';
import { queueSubscriber } from './queue-subscriber.js';
import { routingContext } from './test-helpers.js';

const { app, db } = await testApp();

describe('team queues after a status change (subscriber)', () => {
  it('hands a reopened queued ticket out, and a repeated event changes nothing', async () => {
    const ctx = await routingContext(app, db, { mode: 'least_open', agents: 1, cap: 1 });
    const [a] = ctx.agents;
    const first = await ctx.arrive();
    const second = await ctx.arrive();
    expect(first.assigned_to?.id).toBe(a!.id);
    expect(second.assigned_to).toBeNull();
    // The queued ticket is resolved before anyone took it, then the agent finishes the first one:
    // nothing open is waiting, so nothing moves.
    expect((await ctx.setStatus(second.id, 'resolved')).statusCode).toBe(200);
    expect((await ctx.setStatus(first.id, 'resolved')).statusCode).toBe(200);
    expect((await ctx.tickets()).find((t) => t.id === second.id)?.assigned_to_id).toBeNull();

    // Reopened without an agent in an automatic team's queue: handed out after commit.
    const mark = await lastEventId(db, ctx.ws.id);
    expect((await ctx.setStatus(second.id, 'open')).statusCode).toBe(200);
    expect((await ctx.tickets()).find((t) => t.id === second.id)?.assigned_to_id).toBe(a!.id);
    const handed = (await ctx.log(second.id)).length;

    // The dispatcher hands the same events again (a retry after a crash): nothing more happens.
    const again = queueSubscriber({ db });
    for (const event of await storedEvents(db, ctx.ws.id, {
      afterId: mark,
      types: ['ticket.status_changed'],
    })) {
      await again.handle(event);
      await again.handle(event);
    }
    expect((await ctx.log(second.id)).length).toBe(handed);
    expect((await ctx.tickets()).find((t) => t.id === second.id)?.assigned_to_id).toBe(a!.id);
  });
});
