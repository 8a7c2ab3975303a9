import { describe, expect, it } from 'vitest';
import { inWorkspace } from '../../../db/tenant.js';
import { adminContext } from '../../../test/admin-context.js';
import { asBearer, testApp } from '../../../test/app.js';
import { customerSession } from '../../../test/factories.js';
import { storedEvents } from '../../../test/stored-events.js';
import { keepingQueue } from '../../webhooks/test-kit.js';
import { signWebhookBody, webhookSubscriber } from '../../webhooks/index.js';
import { signedPost } from '../test-helpers.js';
import { socialReplySubscriber } from './reply-subscriber.js';

const { app, db } = await testApp({ env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } });
const URL = '/api/support/channels/social/';

async function socialWorkspace() {
  const ctx = await adminContext(app, db, '/api/support/admin/webhooks/');
  const secret = (await ctx.call('POST', '/api/support/admin/channels/secrets/social/rotate/')).json<{
    secret: string;
  }>().secret;
  const send = (body: object, at?: number) =>
    signedPost(app, { url: URL, slug: ctx.ws.slug, secret, body, ...(at !== undefined ? { at } : {}) });
  const count = (table: 'support_tickets' | 'support_ticket_messages' | 'customers') =>
    inWorkspace(db, ctx.ws.id, async (tx) =>
      Number(
        (
          await tx
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
  return { ...ctx, secret, send, count };
}

const dm = (messageId: string, text: string, extra: object = {}) => ({
  source: 'instagram',
  message_id: messageId,
  conversation_id: 'conv-9',
  user: { id: 'ig-42', name: 'Ida Insta', handle: '@ida' },
  text,
  ...extra,
});

describe('the social/API inbound webhook', () => {
  it('maps the external user to a customer and the conversation to one ticket; one message per external id', async () => {
    const c = await socialWorkspace();
    const first = await c.send(dm('m1', 'My order is late'));
    expect(first.statusCode, first.body).toBe(201);
    const ticketId = first.json<{ ticket_id: number }>().ticket_id;
    const ticket = await inWorkspace(db, c.ws.id, (tx) =>
      tx.selectFrom('support_tickets').selectAll().where('id', '=', ticketId).executeTakeFirstOrThrow(),
    );
    expect(ticket).toMatchObject({
      channel: 'social',
      subject: 'instagram: My order is late',
      description: 'My order is late',
    });

    // Signed at a fixed second, so that the resend below is signed at another (same second: a replay).
    const secondAt = Math.floor(Date.now() / 1000);
    const second = await c.send(dm('m2', 'Any news?'), secondAt);
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ ticket_id: ticketId, created: true });
    // The same external message again (a new signature): 200, nothing new.
    const before = {
      tickets: await c.count('support_tickets'),
      messages: await c.count('support_ticket_messages'),
    };
    const again = await c.send(dm('m2', 'Any news?'), secondAt - 2);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({
      created: false,
      ticket_id: ticketId,
      message_id: second.json<{ message_id: number }>().message_id,
    });
    expect({
      tickets: await c.count('support_tickets'),
      messages: await c.count('support_ticket_messages'),
    }).toEqual(before);
    expect(await c.count('customers')).toBe(1);

    // Another conversation of the same user: another ticket, same customer. An API system: channel api.
    const other = await c.send(dm('m3', 'Different topic', { conversation_id: 'conv-10' }));
    expect(other.json<{ ticket_id: number }>().ticket_id).not.toBe(ticketId);
    const api = await c.send({
      ...dm('x1', 'From the CRM'),
      source: 'crm',
      channel: 'api',
      user: { id: 'u1', email: 'Crm.User@Example.test' },
    });
    expect(api.statusCode, api.body).toBe(201);
    const apiTicket = await inWorkspace(db, c.ws.id, (tx) =>
      tx
        .selectFrom('support_tickets as t')
        .innerJoin('customers as cu', 'cu.id', 't.customer_id')
        .select(['t.channel', 'cu.email'])
        .where('t.id', '=', api.json<{ ticket_id: number }>().ticket_id)
        .executeTakeFirstOrThrow(),
    );
    expect(apiTicket).toEqual({ channel: 'api', email: 'crm.user@example.test' });
    expect(await c.count('customers')).toBe(2);
  });

  it('sends desk replies back through the outbound webhooks with the external ids, never notes', async () => {
    const c = await socialWorkspace();
    const sub = await c.call('POST', '/api/support/admin/webhooks/', {
      url: 'http://127.0.0.1:9/hook',
      event_types: ['channel.reply'],
    });
    expect(sub.statusCode, sub.body).toBe(201);
    const ticketId = (await c.send(dm('m1', 'Hello?'))).json<{ ticket_id: number }>().ticket_id;
    const after = (await storedEvents(db, c.ws.id)).at(-1)?.id ?? 0;
    for (const payload of [
      { message: 'Hi Ida, it ships today.' },
      { message: 'note to self', is_internal: true },
    ]) {
      const r = await app.inject(
        asBearer(c.agentToken, { method: 'POST', url: `/api/support/tickets/${ticketId}/reply/`, payload }),
      );
      expect(r.statusCode, r.body).toBe(201);
    }
    const replies = socialReplySubscriber({ db });
    for (const e of await storedEvents(db, c.ws.id, { afterId: after, types: ['message.created'] })) {
      await replies.handle(e);
      await replies.handle(e); // at least once: a repeat records nothing more
    }
    const out = await storedEvents(db, c.ws.id, { afterId: after, types: ['channel.reply'] });
    expect(out).toHaveLength(1);
    expect(out[0]!.payload).toMatchObject({
      ticket_id: ticketId,
      channel: 'social',
      source: 'instagram',
      external_conversation_id: 'conv-9',
      external_user_id: 'ig-42',
    });
    const webhooks = webhookSubscriber({ db, jobs: keepingQueue() });
    await webhooks.handle(out[0]!);
    const deliveries = await inWorkspace(db, c.ws.id, (tx) =>
      tx.selectFrom('webhook_deliveries').selectAll().execute(),
    );
    expect(deliveries).toHaveLength(1);
    const body = JSON.parse(deliveries[0]!.body) as {
      type: string;
      data: object;
      message: { message: string };
    };
    expect(body.type).toBe('channel.reply');
    expect(body.data).toMatchObject({ external_conversation_id: 'conv-9', external_user_id: 'ig-42' });
    expect(body.message.message).toBe('Hi Ida, it ships today.');
  });

  it('checks signatures (tampered, expired, replayed) and shows the customer no more than their ticket', async () => {
    const c = await socialWorkspace();
    const raw = JSON.stringify(dm('m1', 'hi'));
    const t = Math.floor(Date.now() / 1000);
    const header = signWebhookBody(c.secret, t, raw);
    const ok = await signedPost(app, { url: URL, slug: c.ws.slug, secret: c.secret, body: raw, header });
    expect(ok.statusCode).toBe(201);
    const replayed = await signedPost(app, {
      url: URL,
      slug: c.ws.slug,
      secret: c.secret,
      body: raw,
      header,
    });
    expect(replayed.statusCode).toBe(409);
    const tampered = await signedPost(app, {
      url: URL,
      slug: c.ws.slug,
      secret: c.secret,
      body: raw.replace('hi', 'ho'),
      header,
    });
    expect(tampered.statusCode).toBe(401);
    const expired = await c.send(dm('m2', 'late'), t - 600);
    expect(expired.statusCode).toBe(401);
    const future = await c.send(dm('m3', 'early'), t + 600);
    expect(future.statusCode).toBe(401);
    const invalid = await c.send({ source: 'instagram' });
    expect(invalid.statusCode).toBe(400);
    expect(await c.count('support_ticket_messages')).toBe(0);
    expect(await c.count('support_tickets')).toBe(1);
    // Another workspace's slug with this workspace's secret: refused.
    const other = await adminContext(app, db, '/');
    const across = await signedPost(app, {
      url: URL,
      slug: other.ws.slug,
      secret: c.secret,
      body: dm('m9', 'x'),
    });
    expect(across.statusCode).toBe(401);
    // The customer of the social ticket sees their ticket only, without staff-only fields.
    const customerId = await inWorkspace(
      db,
      c.ws.id,
      async (tx) =>
        (await tx.selectFrom('support_tickets').select('customer_id').executeTakeFirstOrThrow()).customer_id,
    );
    const list = await app.inject({
      method: 'GET',
      url: '/api/support/tickets/',
      headers: await customerSession(db, c.ws, customerId),
    });
    expect(list.json<{ results: unknown[] }>().results).toHaveLength(1);
  });
});
