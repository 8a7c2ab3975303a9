import { describe, expect, it } from 'vitest';
import { inWorkspace } from '../../db/tenant.js';
import { adminContext } from '../../test/admin-context.js';
import { testApp } from '../../test/app.js';
import { buildCustomer, customerSession } from '../../test/factories.js';

// Two apps on one database: the default install (the SSRF guard refuses non-public targets) and one that
// allows them (WEBHOOK_ALLOW_PRIVATE_TARGETS=true), where a receiver on 127.0.0.1 is a valid target.
const strict = await testApp();
const lenient = await testApp({ env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } });
const BASE = '/api/support/admin/webhooks/';
const TARGET = 'http://127.0.0.1:3601/hook';

interface Created {
  id: number;
  secret: string;
  url: string;
  event_types: string[];
  include_internal: boolean;
  is_active: boolean;
}

describe('webhook subscriptions (admin API)', () => {
  it('creates with a secret shown to admins, reads, lists, updates, rotates and deletes', async () => {
    const { call } = await adminContext(lenient.app, lenient.db, BASE);
    const res = await call('POST', BASE, {
      url: TARGET,
      event_types: ['ticket.created', 'message.created', 'ticket.created'],
      description: ' CRM sync ',
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<Created>();
    expect(created).toMatchObject({
      url: TARGET,
      event_types: ['ticket.created', 'message.created'],
      include_internal: false,
      is_active: true,
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);

    const one = await call('GET', `${BASE}${created.id}/`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: created.id, description: 'CRM sync' });
    expect(one.body).not.toContain(created.secret);
    expect((await call('GET', `${BASE}${created.id}/secret/`)).json()).toEqual({ secret: created.secret });

    const second = (await call('POST', BASE, { url: TARGET, event_types: ['*'] })).json<Created>();
    expect(second.event_types).toEqual(['*']);
    const page1 = await call('GET', `${BASE}?limit=1`);
    const body1 = page1.json<{ results: Created[]; next_cursor: string }>();
    expect(body1.results.map((s) => s.id)).toEqual([created.id]);
    expect(page1.body).not.toContain('whsec_');
    const page2 = await call('GET', `${BASE}?limit=1&cursor=${body1.next_cursor}`);
    expect(page2.json()).toMatchObject({ results: [{ id: second.id }], next_cursor: null });

    const patched = await call('PATCH', `${BASE}${created.id}/`, {
      include_internal: true,
      is_active: false,
      rotate_secret: true,
    });
    expect(patched.json()).toMatchObject({ include_internal: true, is_active: false, url: TARGET });
    const rotated = (await call('GET', `${BASE}${created.id}/secret/`)).json<{ secret: string }>().secret;
    expect(rotated).not.toBe(created.secret);

    expect((await call('DELETE', `${BASE}${created.id}/`)).statusCode).toBe(204);
    expect((await call('GET', `${BASE}${created.id}/`)).statusCode).toBe(404);
  });

  it('validates event types against the catalogue', async () => {
    const { call } = await adminContext(lenient.app, lenient.db, BASE);
    for (const event_types of [[], ['ticket.exploded'], ['notification.created']]) {
      const res = await call('POST', BASE, { url: TARGET, event_types });
      expect(res.statusCode, JSON.stringify(event_types)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await call('POST', BASE, { url: TARGET })).statusCode).toBe(400);
  });

  it('refuses non-public targets at subscription time (400), also on update', async () => {
    const { call } = await adminContext(strict.app, strict.db, BASE);
    const targets = [
      'http://127.0.0.1:3601/hook',
      'http://10.1.2.3/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]:3601/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://localhost:3601/hook',
      'http://100.64.0.1/hook',
      'ftp://example.test/',
    ];
    for (const url of targets) {
      const res = await call('POST', BASE, { url, event_types: ['*'] });
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'url' }] });
    }
    // One made while private targets were allowed cannot be pointed at another private one now.
    const ctx = await adminContext(strict.app, strict.db, BASE);
    const sub = await inWorkspace(strict.db, ctx.ws.id, (tx) =>
      tx
        .insertInto('webhook_subscriptions')
        .values({ workspace_id: ctx.ws.id, url: TARGET, secret: 's', event_types: ['*'] })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    const moved = await ctx.call('PATCH', `${BASE}${sub.id}/`, { url: 'http://10.0.0.1/' });
    expect(moved.statusCode).toBe(400);
    expect((await ctx.call('GET', `${BASE}${sub.id}/`)).json()).toMatchObject({ url: TARGET });
  });

  it('is for admins only: agents 403, customers 403, and another workspace’s ids 404', async () => {
    const a = await adminContext(lenient.app, lenient.db, BASE);
    const b = await adminContext(lenient.app, lenient.db, BASE);
    const theirs = (await b.call('POST', BASE, { url: TARGET, event_types: ['*'] })).json<Created>();
    await inWorkspace(lenient.db, b.ws.id, async (tx) => {
      await tx
        .insertInto('domain_events')
        .values({
          workspace_id: b.ws.id,
          type: 'ticket.created',
          subject_type: 'ticket',
          subject_id: 1,
          payload: '{}',
        })
        .execute();
    });
    const delivery = await inWorkspace(lenient.db, b.ws.id, (tx) =>
      tx
        .insertInto('webhook_deliveries')
        .values({
          workspace_id: b.ws.id,
          subscription_id: theirs.id,
          event_id: 1,
          event_type: 'ticket.created',
          body: '{}',
          status: 'failed',
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );

    expect((await a.call('GET', BASE, undefined, a.agentToken)).statusCode).toBe(403);
    expect((await a.call('POST', BASE, { url: TARGET, event_types: ['*'] }, a.agentToken)).statusCode).toBe(
      403,
    );
    const customer = await buildCustomer(lenient.db, a.ws);
    const asCustomer = await lenient.app.inject({
      method: 'GET',
      url: BASE,
      headers: await customerSession(lenient.db, a.ws, customer.id),
    });
    expect(asCustomer.statusCode).toBe(403);

    for (const [method, url] of [
      ['GET', `${BASE}${theirs.id}/`],
      ['GET', `${BASE}${theirs.id}/secret/`],
      ['PATCH', `${BASE}${theirs.id}/`],
      ['DELETE', `${BASE}${theirs.id}/`],
      ['GET', `${BASE}${theirs.id}/deliveries/`],
      ['POST', `${BASE}${theirs.id}/deliveries/${delivery.id}/redeliver/`],
    ] as const) {
      const res = await a.call(method, url, method === 'PATCH' ? { description: 'mine' } : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.body).not.toContain(theirs.secret);
    }
    const list = await a.call('GET', BASE);
    expect(list.json()).toEqual({ results: [], next_cursor: null });
    expect((await b.call('GET', `${BASE}${theirs.id}/deliveries/`)).json()).toMatchObject({
      results: [{ id: delivery.id, status: 'failed' }],
    });
  });
});

describe('webhooks in the OpenAPI document', () => {
  it('documents each event’s request: body, signature header and retries', async () => {
    const doc = (await strict.app.inject({ method: 'GET', url: '/api/docs/json' })).json<{
      webhooks: Record<string, { post: { description: string; parameters: { name: string }[] } }>;
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(doc.webhooks)).toContain('message.created');
    expect(Object.keys(doc.webhooks)).not.toContain('notification.created');
    const post = doc.webhooks['ticket.created']?.post;
    expect(post?.parameters.map((p) => p.name)).toEqual([
      'X-Bfg2-Signature',
      'X-Bfg2-Event',
      'X-Bfg2-Delivery',
    ]);
    expect(post?.description).toMatch(/HMAC-SHA256.*24 h/s);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/support/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver/',
        '/api/support/notifications/unread-count/',
      ]),
    );
  });
});
