/**
 * "Not a duplicate" (issue 17): an agent dismisses a possible duplicate; the pair is never suggested
 * again in either direction, the history says who did it, and only staff of the workspace may.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../db/schema.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { asBearer, testApp } from '../../test/app.js';
import {
  buildAdmin,
  buildCustomer,
  buildTicket,
  buildToken,
  buildUser,
  buildWorkspace,
  customerSession,
} from '../../test/factories.js';
import { storedEvents } from '../../test/stored-events.js';

const { app, db } = await testApp();

const olderBy = (ws: Workspace, id: number, hours: number) =>
  asSystem(db, (tx) =>
    sql`UPDATE support_tickets SET created_at = now() - make_interval(hours => ${hours})
        WHERE workspace_id = ${ws.id} AND id = ${id}`.execute(tx),
  );

/** A workspace with an admin, an agent, and a customer's two similar tickets (the later one flagged). */
async function setup() {
  const ws = await buildWorkspace(db);
  const admin = await buildAdmin(db, ws);
  const agent = await buildUser(db, ws, { name: 'Dora Dismiss' });
  const agentToken = await buildToken(db, ws, agent.id);
  const customer = await buildCustomer(db, ws);
  const first = await buildTicket(db, ws, {
    customerId: customer.id,
    subject: 'Parcel never arrived',
    description: 'My order 4711 has not arrived yet.',
  });
  await olderBy(ws, first.id, 5);
  const second = await buildTicket(db, ws, {
    customerId: customer.id,
    subject: 'Parcel never arrived',
    description: 'Order 4711 still has not arrived.',
  });
  const as = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject(asBearer(token, { method, url, ...(payload ? { payload } : {}) }));
  return { ws, admin, agent, agentToken, customer, first, second, as };
}

const dismissUrl = (ticket: string) => `/api/support/tickets/${ticket}/duplicates/dismiss/`;
type As = Awaited<ReturnType<typeof setup>>['as'];
const duplicatesOf = async (as: As, token: string, ticket: string) => {
  const res = await as(token, 'GET', `/api/support/tickets/${ticket}/duplicates/`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ results: { ticket_number: string }[] }>().results.map((d) => d.ticket_number);
};

describe('POST /api/support/tickets/{id}/duplicates/dismiss/', () => {
  it('stops suggesting the pair, in either direction, for everyone; records who and when', async () => {
    const { ws, admin, agent, agentToken, first, second, as } = await setup();
    expect(await duplicatesOf(as, agentToken, second.ticket_number)).toEqual([first.ticket_number]);

    const res = await as(agentToken, 'POST', dismissUrl(second.ticket_number), {
      ticket: first.ticket_number,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      dismissed_by: { id: number; name: string };
      dismissed_at: string;
      created: boolean;
    }>();
    expect(body).toMatchObject({
      ticket_number: second.ticket_number,
      other_ticket_number: first.ticket_number,
      dismissed_by: { id: agent.id, name: 'Dora Dismiss' },
      created: true,
    });

    // Gone for the admin too, and from the other side.
    expect(await duplicatesOf(as, admin.token, second.ticket_number)).toEqual([]);
    await olderBy(ws, second.id, 10);
    expect(await duplicatesOf(as, admin.token, first.ticket_number)).toEqual([]);

    const history = await as(
      admin.token,
      'GET',
      `/api/support/admin/tickets/${second.ticket_number}/history/`,
    );
    expect(history.json<{ results: unknown[] }>().results).toContainEqual(
      expect.objectContaining({
        field: 'not_duplicate_of',
        old_value: null,
        new_value: first.ticket_number,
        actor_user: agent.id,
      }),
    );
    const events = await storedEvents(db, ws.id, { types: ['ticket.duplicate_dismissed'] });
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toEqual({
      ticket_id: second.id,
      ticket_number: second.ticket_number,
      other_ticket_id: first.id,
      other_ticket_number: first.ticket_number,
    });
    expect(events[0]!.actorUserId).toBe(agent.id);
  });

  it('is idempotent: a second dismissal (either side, anyone) answers the first and records nothing', async () => {
    const { ws, admin, agent, agentToken, first, second, as } = await setup();
    const once = await as(agentToken, 'POST', dismissUrl(second.ticket_number), {
      ticket: first.ticket_number,
    });
    expect(once.statusCode).toBe(200);
    const twice = await as(admin.token, 'POST', dismissUrl(String(first.id)), {
      ticket: second.ticket_number,
    });
    expect(twice.statusCode, twice.body).toBe(200);
    expect(twice.json()).toMatchObject({
      ticket_number: first.ticket_number,
      other_ticket_number: second.ticket_number,
      dismissed_by: { id: agent.id },
      dismissed_at: once.json<{ dismissed_at: string }>().dismissed_at,
      created: false,
    });
    const rows = await inWorkspace(db, ws.id, (tx) =>
      tx.selectFrom('ticket_duplicate_dismissals').selectAll().where('workspace_id', '=', ws.id).execute(),
    );
    expect(rows).toHaveLength(1);
    expect(await storedEvents(db, ws.id, { types: ['ticket.duplicate_dismissed'] })).toHaveLength(1);
    const history = await inWorkspace(db, ws.id, (tx) =>
      tx
        .selectFrom('ticket_history')
        .select('ticket_id')
        .where('workspace_id', '=', ws.id)
        .where('field', '=', 'not_duplicate_of')
        .execute(),
    );
    expect(history).toEqual([{ ticket_id: second.id }]);
  });

  it('answers bad input with problem+json: unknown ticket 404, itself 400, malformed body 400', async () => {
    const { agentToken, first, second, as } = await setup();
    const cases = [
      { url: dismissUrl(second.ticket_number), payload: { ticket: 'NOPE-999999' }, status: 404 },
      { url: dismissUrl('NOPE-999999'), payload: { ticket: first.ticket_number }, status: 404 },
      { url: dismissUrl(second.ticket_number), payload: { ticket: second.ticket_number }, status: 400 },
      { url: dismissUrl(second.ticket_number), payload: {}, status: 400 },
      { url: dismissUrl(second.ticket_number), payload: { ticket: 42, extra: true }, status: 400 },
    ];
    for (const c of cases) {
      const res = await as(agentToken, 'POST', c.url, c.payload);
      expect(res.statusCode, `${c.url} ${JSON.stringify(c.payload)}: ${res.body}`).toBe(c.status);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await duplicatesOf(as, agentToken, second.ticket_number)).toEqual([first.ticket_number]);
  });

  it('refuses customers and another workspace’s staff, and never reveals the tickets', async () => {
    const { ws, customer, first, second, agentToken, as } = await setup();
    const session = await customerSession(db, ws, customer.id);
    const asCustomer = await app.inject({
      method: 'POST',
      url: dismissUrl(second.ticket_number),
      headers: { cookie: session.cookie, 'x-csrf-token': session['x-csrf-token'] },
      payload: { ticket: first.ticket_number },
    });
    expect([403, 404]).toContain(asCustomer.statusCode);
    expect(asCustomer.headers['content-type']).toContain('application/problem+json');

    const elsewhere = await buildWorkspace(db);
    const stranger = await buildUser(db, elsewhere);
    const strangerToken = await buildToken(db, elsewhere, stranger.id);
    const theirs = await as(strangerToken, 'POST', dismissUrl(String(second.id)), {
      ticket: String(first.id),
    });
    expect(theirs.statusCode).toBe(404);
    // Their own ticket against ours: still 404 (ours does not exist for them).
    const own = await buildTicket(db, elsewhere, { subject: 'Parcel never arrived' });
    const mixed = await as(strangerToken, 'POST', dismissUrl(own.ticket_number), {
      ticket: String(first.id),
    });
    expect(mixed.statusCode).toBe(404);
    // Ours against theirs, by our agent: 404 too.
    const reverse = await as(agentToken, 'POST', dismissUrl(second.ticket_number), {
      ticket: own.ticket_number,
    });
    expect(reverse.statusCode).toBe(404);

    expect(await duplicatesOf(as, agentToken, second.ticket_number)).toEqual([first.ticket_number]);
  });
});
