/**
 * A workspace set up for routing tests: an admin, N agents with tokens, one team (mode and cap as asked)
 * that the `billing` category routes to, and helpers to open tickets and read who got them.
 */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../../db/client.js';
import type { AssignmentMode, Availability } from '../../db/schema.js';
import { inWorkspace } from '../../db/tenant.js';
import { adminContext } from '../../test/admin-context.js';
import { asBearer } from '../../test/app.js';
import { buildToken, buildUser, unique, type BuiltUser } from '../../test/factories.js';
import { lastEventId, storedEvents } from '../../test/stored-events.js';
import { wantsEvent } from '../../platform/events/subscriber.js';
import { queueSubscriber } from './queue-subscriber.js';

/** A new ticket as the create endpoint answers it (the fields routing tests look at). */
export interface ArrivedTicket {
  id: number;
  assigned_to: { id: number } | null;
  team: { id: number } | null;
}

export interface TeamOptions {
  mode: AssignmentMode;
  agents?: number;
  cap?: number | null;
}

export async function routingContext(app: FastifyInstance, db: Database, options: TeamOptions) {
  const base = await adminContext(app, db, '/api/support/admin/teams/');
  const { ws, admin, call } = base;
  const agents: (BuiltUser & { token: string })[] = [];
  for (let i = 0; i < (options.agents ?? 3); i++) {
    const user = await buildUser(db, ws, { name: `Agent ${String.fromCharCode(65 + i)}` });
    agents.push({ ...user, token: await buildToken(db, ws, user.id) });
  }
  const teamRes = await call('POST', '/api/support/admin/teams/', {
    name: `Billing ${unique()}`,
    members: agents.map((a) => a.id),
    assignment_mode: options.mode,
    max_open_per_agent: options.cap ?? null,
  });
  expect(teamRes.statusCode, teamRes.body).toBe(201);
  const team = teamRes.json<{ id: number }>();
  const catRes = await call('POST', '/api/support/admin/categories/', { name: 'Billing', team: team.id });
  expect(catRes.statusCode, catRes.body).toBe(201);

  /** Staff open a ticket for a customer in the billing category (or another payload). */
  const open = (extra: object = {}, token = admin.token) =>
    app.inject(
      asBearer(token, {
        method: 'POST',
        url: '/api/support/tickets/',
        payload: {
          subject: 'Invoice wrong',
          description: 'Please check',
          customer: `c-${unique()}@example.test`,
          category: 'billing',
          ...extra,
        },
      }),
    );
  /** Opens a ticket and returns its id and assignee (expects 201). */
  const arrive = async (extra: object = {}) => {
    const res = await open(extra);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<ArrivedTicket>();
  };
  /** Each ticket's team and agent, oldest first. */
  const tickets = () =>
    inWorkspace(db, ws.id, (tx) =>
      tx
        .selectFrom('support_tickets')
        .select(['id', 'team_id', 'assigned_to_id', 'status'])
        .orderBy('id')
        .execute(),
    );
  /** How many open tickets each agent has, in agent order. */
  const loads = async () => {
    const rows = await tickets();
    return agents.map(
      (a) =>
        rows.filter(
          (t) => t.assigned_to_id === a.id && ['new', 'open', 'pending', 'on_hold'].includes(t.status),
        ).length,
    );
  };
  const log = (ticketId?: number) =>
    inWorkspace(db, ws.id, (tx) => {
      let q = tx.selectFrom('ticket_assignments').selectAll().orderBy('id');
      if (ticketId !== undefined) q = q.where('ticket_id', '=', ticketId);
      return q.execute();
    });
  const setAvailability = (token: string, availability: Availability) =>
    app.inject(
      asBearer(token, { method: 'PUT', url: '/api/support/me/availability/', payload: { availability } }),
    );
  /** Changes the status, then hands the events to the queue subscriber, as the dispatcher would. */
  const setStatus = async (ticketId: number, status: string) => {
    const mark = await lastEventId(db, ws.id);
    const res = await app.inject(
      asBearer(admin.token, {
        method: 'PUT',
        url: `/api/support/tickets/${ticketId}/status/`,
        payload: { status },
      }),
    );
    const queues = queueSubscriber({ db });
    for (const event of await storedEvents(db, ws.id, { afterId: mark })) {
      if (wantsEvent(queues, event.type)) await queues.handle(event);
    }
    return res;
  };
  return { ...base, ws, admin, agents, team, open, arrive, tickets, loads, log, setAvailability, setStatus };
}
