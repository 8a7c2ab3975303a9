import type { LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { createLogger } from '../../platform/logger.js';
import { adminContext } from '../../test/admin-context.js';
import { testApp } from '../../test/app.js';
import { buildCustomer, customerSession } from '../../test/factories.js';
import { storedEvents } from '../../test/stored-events.js';
import { deliverWebhook, type DeliverJobDeps } from './deliver-job.js';
import { verifyWebhookSignature } from './signature.js';
import { wantsEvent } from '../../platform/events/subscriber.js';
import type { Resolver } from './ssrf-guard.js';
import { webhookSubscriber } from './subscriber.js';
import { keepingQueue, startReceiver, type Receiver } from './test-kit.js';

const { app, db, deps } = await testApp({ env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } });
const BASE = '/api/support/admin/webhooks/';
const receivers: Receiver[] = [];
afterAll(async () => {
  for (const r of receivers) await r.close();
});
let nextPort = 3610;
async function receiver(answer?: Parameters<typeof startReceiver>[1]): Promise<Receiver> {
  const r = await startReceiver(nextPort++, answer);
  receivers.push(r);
  return r;
}

type Ctx = Awaited<ReturnType<typeof adminContext>>;

/**
 * A workspace whose subscriptions `subscribe` makes, then a ticket whose flow records events: created,
 * then (runFlow) a customer reply, an internal note and an agent reply.
 */
async function ticketFlow<S>(
  subscribe: (ctx: Ctx) => Promise<S>,
  note = 'Internal: @nobody customer seems upset',
) {
  const ctx = await adminContext(app, db, BASE);
  const subs = await subscribe(ctx);
  const customer = await buildCustomer(db, ctx.ws);
  const created = await ctx.call('POST', '/api/support/tickets/', {
    subject: 'Parcel lost',
    description: 'Where is it?',
    customer: customer.email,
  });
  expect(created.statusCode, created.body).toBe(201);
  const ticket = created.json<{ id: number; ticket_number: string }>();
  const session = await customerSession(db, ctx.ws, customer.id);
  const reply = (payload: object, asCustomer = false) =>
    asCustomer
      ? app.inject({
          method: 'POST',
          url: `/api/support/tickets/${ticket.id}/reply/`,
          headers: session,
          payload,
        })
      : ctx.call('POST', `/api/support/tickets/${ticket.id}/reply/`, payload);
  return { ...ctx, subs, ticket, reply, note };
}

async function runFlow(flow: {
  reply: (p: object, c?: boolean) => Promise<LightMyRequestResponse>;
  note: string;
}) {
  expect((await flow.reply({ message: 'Still nothing!' }, true)).statusCode).toBe(201);
  expect((await flow.reply({ message: flow.note, is_internal: true })).statusCode).toBe(201);
  expect((await flow.reply({ message: 'We are on it.' })).statusCode).toBe(201);
}

function jobDeps(jobs: ReturnType<typeof keepingQueue>, extra: Partial<DeliverJobDeps> = {}): DeliverJobDeps {
  return {
    db,
    jobs,
    log: createLogger('silent'),
    now: () => new Date(),
    allowPrivateTargets: true,
    retryDelay: () => 0,
    ...extra,
  };
}

/** Runs kept webhook.deliver jobs, and those they queue, until none is left (at most `max`). */
async function drain(jobs: ReturnType<typeof keepingQueue>, deliverDeps: DeliverJobDeps, max = 100) {
  for (let i = 0; i < max && jobs.kept.length > 0; i++) {
    const job = jobs.kept.shift();
    if (job?.name !== 'webhook.deliver') continue;
    const { workspaceId, deliveryId } = job.payload as { workspaceId: number; deliveryId: number };
    await deliverWebhook(deliverDeps, workspaceId, deliveryId);
  }
  expect(jobs.kept).toEqual([]);
}

async function subscribe(
  call: (m: 'POST', u: string, p: object) => Promise<LightMyRequestResponse>,
  body: object,
) {
  const res = await call('POST', BASE, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number; secret: string }>();
}

/** Subscriptions written directly (no check at subscription time): what the delivery-time guard sees. */
async function insertSubscriptions(workspaceId: number, urls: string[]): Promise<number[]> {
  const rows = await inWorkspace(db, workspaceId, (tx) =>
    tx
      .insertInto('webhook_subscriptions')
      .values(urls.map((url) => ({ workspace_id: workspaceId, url, secret: 's', event_types: ['*'] })))
      .returning('id')
      .execute(),
  );
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

async function deliveriesOf(workspaceId: number, subscriptionId: number) {
  return inWorkspace(db, workspaceId, (tx) =>
    tx
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('subscription_id', '=', subscriptionId)
      .orderBy('id')
      .execute(),
  );
}

describe('webhook delivery', () => {
  it('delivers each event exactly once and in order to a receiver that fails twice, signed', async () => {
    const r = await receiver((n) => ({ status: n < 2 ? 500 : 204 }));
    const flow = await ticketFlow((ctx) =>
      subscribe(ctx.call, { url: r.url, event_types: ['*'], include_internal: true }),
    );
    const sub = flow.subs;
    await runFlow(flow);
    const events = await storedEvents(db, flow.ws.id);
    const jobs = keepingQueue();
    const subscriber = webhookSubscriber({ db, jobs });
    for (const e of events) await subscriber.handle(e);
    for (const e of events) await subscriber.handle(e); // at least once: a repeat adds nothing
    const relevant = events.filter((e) => wantsEvent(subscriber, e.type));
    expect(jobs.kept.length).toBe(relevant.length);
    expect(relevant.map((e) => e.type)).toEqual(
      expect.arrayContaining(['ticket.created', 'message.created']),
    );

    await drain(jobs, jobDeps(jobs));
    const accepted = r.accepted().map((x) => JSON.parse(x.body) as { id: number; type: string });
    expect(accepted.map((b) => b.id)).toEqual(relevant.map((e) => e.id));
    expect(r.received.length).toBe(relevant.length + 2);
    for (const x of r.received) {
      const check = verifyWebhookSignature({
        secret: sub.secret,
        header: x.headers['x-bfg2-signature'] as string,
        body: x.body,
      });
      expect(check.ok).toBe(true);
      expect(x.headers['content-type']).toBe('application/json');
      expect(x.headers['x-bfg2-event']).toBe((JSON.parse(x.body) as { type: string }).type);
    }
    const log = await deliveriesOf(flow.ws.id, sub.id);
    expect(log.map((d) => [d.status, d.attempts])).toEqual(
      relevant.map((_, i) => ['succeeded', i === 0 ? 3 : 1]),
    );
    expect(log[0]).toMatchObject({ response_code: 204, last_error: '' });

    const api = await flow.call('GET', `${BASE}${sub.id}/deliveries/?limit=2`);
    expect(api.statusCode).toBe(200);
    const page = api.json<{
      results: { id: number; status: string; response_code: number; duration_ms: number }[];
    }>();
    expect(page.results[0]).toMatchObject({
      id: log[log.length - 1]?.id,
      status: 'succeeded',
      response_code: 204,
    });
    expect(page.results[0]?.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('holds back only the failing ticket’s later deliveries, not another ticket’s', async () => {
    let failuresOfFirst = 0;
    let first = 0;
    const r = await receiver((_n, body) => {
      const parsed = JSON.parse(body) as { data: { ticket_id: number } };
      if (parsed.data.ticket_id === first && failuresOfFirst < 2) {
        failuresOfFirst++;
        return { status: 500 };
      }
      return { status: 200 };
    });
    const flow = await ticketFlow((ctx) =>
      subscribe(ctx.call, { url: r.url, event_types: ['ticket.created'] }),
    );
    first = flow.ticket.id;
    const other = await flow.call('POST', '/api/support/tickets/', {
      subject: 'Second',
      description: 'Another one',
      customer: `other-${first}@example.test`,
    });
    expect(other.statusCode).toBe(201);
    const jobs = keepingQueue();
    for (const e of await storedEvents(db, flow.ws.id)) await webhookSubscriber({ db, jobs }).handle(e);
    expect(jobs.kept.length).toBe(2);
    await drain(jobs, jobDeps(jobs));
    const order = r
      .accepted()
      .map((x) => (JSON.parse(x.body) as { data: { ticket_id: number } }).data.ticket_id);
    expect(order).toEqual([other.json<{ id: number }>().id, first]);
    expect(r.received.length).toBe(4);
  });

  it('sends internal notes only to subscriptions that opt in, and their text to no one else', async () => {
    const open = await receiver();
    const internal = await receiver();
    const flow = await ticketFlow(async (ctx) => {
      const publicOne = await subscribe(ctx.call, { url: open.url, event_types: ['message.created'] });
      await subscribe(ctx.call, {
        url: internal.url,
        event_types: ['message.created'],
        include_internal: true,
      });
      return publicOne;
    }, 'Secret note: refund approved by finance');
    const publicSub = flow.subs;
    await runFlow(flow);
    const jobs = keepingQueue();
    const subscriber = webhookSubscriber({ db, jobs });
    for (const e of await storedEvents(db, flow.ws.id)) await subscriber.handle(e);
    await drain(jobs, jobDeps(jobs));

    expect(open.accepted().length).toBe(2);
    expect(internal.accepted().length).toBe(3);
    for (const x of open.received) {
      expect(x.body).not.toContain('refund approved');
      expect(x.body).not.toContain('"is_internal":true');
    }
    const note = internal.received.find((x) => x.body.includes('refund approved'));
    expect(JSON.parse(note?.body ?? '{}')).toMatchObject({
      type: 'message.created',
      data: { is_internal: true, ticket_id: flow.ticket.id },
      message: { message_type: 'note', is_internal: true },
    });
    expect((await deliveriesOf(flow.ws.id, publicSub.id)).length).toBe(2);
  });

  it('refuses non-public targets at delivery time, after DNS resolution, and follows no redirects', async () => {
    const r = await receiver();
    const elsewhere = await receiver();
    const redirecting = await receiver(() => ({ status: 302, location: elsewhere.url }));
    const flow = await ticketFlow((ctx) =>
      insertSubscriptions(ctx.ws.id, [
        // A name that resolved to a public address when subscribed, and to 127.0.0.1 now (rebinding).
        `http://hooks.example.test:${r.port}/hook`,
        'http://169.254.169.254/latest/meta-data/',
        `http://[::1]:${r.port}/hook`,
        `http://10.0.0.1:${r.port}/hook`,
        redirecting.url,
      ]),
    );
    const events = await storedEvents(db, flow.ws.id, { types: ['ticket.created'] });
    const jobs = keepingQueue();
    for (const e of events) await webhookSubscriber({ db, jobs }).handle(e);
    expect(jobs.kept.length).toBe(5);
    const rebinding: Resolver = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    // A strict install for the first four; the redirecting receiver is on 127.0.0.1, so it needs a lenient one.
    const strict = jobDeps(jobs, {
      allowPrivateTargets: false,
      resolve: rebinding,
      retryDelay: () => 3600,
    });
    const lenient = jobDeps(jobs, { retryDelay: () => 3600 });
    for (const [i, job] of jobs.kept.splice(0, 5).entries()) {
      const p = job.payload as { workspaceId: number; deliveryId: number };
      await deliverWebhook(i < 4 ? strict : lenient, p.workspaceId, p.deliveryId);
    }
    expect(r.received).toEqual([]);
    expect(elsewhere.received).toEqual([]);
    expect(redirecting.received.length).toBe(1);
    const log = await asSystem(db, (tx) =>
      tx
        .selectFrom('webhook_deliveries')
        .select(['subscription_id', 'status', 'response_code', 'last_error', 'next_attempt_at'])
        .where('workspace_id', '=', flow.ws.id)
        .orderBy('subscription_id')
        .execute(),
    );
    expect(log.map((d) => d.subscription_id)).toEqual(flow.subs);
    for (const d of log.slice(0, 4)) {
      // A refused target is a failed attempt like any other: retried later (here in an hour), never sent.
      expect(d).toMatchObject({ status: 'pending', response_code: null });
      expect(d.last_error).toMatch(/^target refused: .*not a public address/);
    }
    expect(log[4]).toMatchObject({ status: 'pending', response_code: 302 });
    expect(log[4]?.last_error).toMatch(/redirects are not followed/);
    expect(log[4]?.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 3_500_000);
  });

  it('connects to the address it checked, not to a fresh DNS answer', async () => {
    const r = await receiver();
    const flow = await ticketFlow((ctx) =>
      insertSubscriptions(ctx.ws.id, [`http://hooks.example.test:${r.port}/in`]),
    );
    const jobs = keepingQueue();
    for (const e of await storedEvents(db, flow.ws.id)) await webhookSubscriber({ db, jobs }).handle(e);
    // The system resolver does not know hooks.example.test: only the pinned address can reach 127.0.0.1.
    const pinned: Resolver = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    await drain(jobs, jobDeps(jobs, { resolve: pinned }));
    expect(r.accepted().length).toBeGreaterThan(0);
    expect(r.received[0]?.headers.host).toBe(`hooks.example.test:${r.port}`);
  });

  it('redelivers a finished delivery with a fresh signature, and refuses one still on its way (409)', async () => {
    const r = await receiver();
    const flow = await ticketFlow((ctx) =>
      subscribe(ctx.call, { url: r.url, event_types: ['ticket.created'] }),
    );
    const sub = flow.subs;
    const jobs = keepingQueue();
    for (const e of await storedEvents(db, flow.ws.id)) await webhookSubscriber({ db, jobs }).handle(e);
    const [pending] = await deliveriesOf(flow.ws.id, sub.id);
    const early = await flow.call('POST', `${BASE}${sub.id}/deliveries/${pending?.id}/redeliver/`);
    expect(early.statusCode).toBe(409);
    await drain(jobs, jobDeps(jobs));
    const again = await flow.call('POST', `${BASE}${sub.id}/deliveries/${pending?.id}/redeliver/`);
    expect(again.statusCode, again.body).toBe(202);
    expect(again.json()).toMatchObject({ id: pending?.id, status: 'pending', attempts: 1 });
    await deliverWebhook(jobDeps(jobs), flow.ws.id, pending?.id ?? 0);
    expect(r.accepted().length).toBe(2);
    expect(r.received[1]?.body).toBe(r.received[0]?.body);
    const [done] = await deliveriesOf(flow.ws.id, sub.id);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(deps.config.webhookAllowPrivateTargets).toBe(true);
  });
});
