/**
 * Shared set-up of the SLA API tests: a test app on a clock the test moves, a workspace (Europe/Berlin)
 * with an admin, an agent and a customer, and helpers that drive the real endpoints.
 */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../../db/client.js';
import { adminContext, type Method } from '../../test/admin-context.js';
import { buildCustomer } from '../../test/factories.js';

export const SLAS = '/api/support/admin/slas/';
export const TICKETS = '/api/support/tickets/';

/** A clock the test sets; pass `clock.now` as the app's `now`. */
export function testClock(start = '2025-03-03T09:00:00+01:00') {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(iso: string) {
      current = new Date(iso);
    },
  };
}

/** Gold: Berlin, Mon–Fri 09:00–17:00, 4 h first response, 16 h resolution. */
export const GOLD = {
  name: 'Gold',
  timezone: 'Europe/Berlin',
  first_response_hours: 4,
  resolution_hours: 16,
  business_hours_start: '09:00',
  business_hours_end: '17:00',
  business_days: [1, 2, 3, 4, 5],
};

export interface TicketJson {
  id: number;
  ticket_number: string;
  status: string;
  sla: { id: number; name: string } | null;
  priority: { code: string };
  created_at: string;
  first_response_at: string | null;
  response_due_at: string | null;
  resolution_due_at: string | null;
  response_warning_at: string | null;
  resolution_warning_at: string | null;
  sla_paused_at: string | null;
  response_breached: boolean;
  resolution_breached: boolean;
}

export async function slaContext(app: FastifyInstance, db: Database) {
  const ctx = await adminContext(app, db, SLAS);
  const customer = await buildCustomer(db, ctx.ws);
  const { call } = ctx;
  const ok = async <T>(method: Method, url: string, payload?: object, status = 200): Promise<T> => {
    const res = await call(method, url, payload);
    expect(res.statusCode, res.body).toBe(status);
    return res.json<T>();
  };
  return {
    ...ctx,
    customer,
    ok,
    createSla: (body: object = {}) =>
      ok<{ id: number; name: string }>('POST', SLAS, { ...GOLD, ...body }, 201),
    createCategory: (body: object) =>
      ok<{ id: number; slug: string }>('POST', '/api/support/admin/categories/', body, 201),
    /** Opens a ticket as the admin on behalf of the customer. */
    openTicket: (body: object = {}) =>
      ok<TicketJson>(
        'POST',
        TICKETS,
        { subject: 'Parcel', description: 'Where is it?', customer: customer.email, ...body },
        201,
      ),
    setStatus: (id: number, status: string) => ok<TicketJson>('PUT', `${TICKETS}${id}/status/`, { status }),
    patchTicket: (id: number, body: object) => ok<TicketJson>('PATCH', `${TICKETS}${id}/`, body),
    ticket: (id: number) => ok<TicketJson>('GET', `${TICKETS}${id}/`),
    explain: (id: number) => ok<Explanation>('GET', `${TICKETS}${id}/sla/`),
  };
}

export interface Explanation {
  sla: { applied: { id: number; name: string } | null; source: string; reason: string; pinned: boolean };
  targets: {
    first_response: { hours: number; source: string };
    resolution: { hours: number; source: string };
  };
  response: {
    due_at: string;
    state: string;
    explanation: string;
    windows: { start: string; seconds: number }[];
  };
  resolution: {
    due_at: string;
    state: string;
    explanation: string;
    paused_seconds: number;
    pauses: { status: string; business_seconds: number; moved_due: boolean }[];
    breached_flag: boolean;
  };
  stored: { in_sync: boolean };
  explanation: string;
}
