import { describe, expect, it } from 'vitest';
import { inWorkspace } from '../../../db/tenant.js';
import { adminContext } from '../../../test/admin-context.js';
import { asBearer, testApp } from '../../../test/app.js';
import { buildAdmin, buildTicket, buildWorkspace, customerSession } from '../../../test/factories.js';
import { signWebhookBody } from '../../webhooks/index.js';
import { signedPost } from '../test-helpers.js';

const { app, db } = await testApp();

async function phoneWorkspace() {
  const ctx = await adminContext(app, db, '/api/support/phone/calls/');
  const log = (payload: object, token = ctx.agentToken) =>
    app.inject(asBearer(token, { method: 'POST', url: '/api/support/phone/calls/', payload }));
  const calls = () =>
    inWorkspace(db, ctx.ws.id, (tx) => tx.selectFrom('phone_calls').selectAll().orderBy('id').execute());
  const tickets = () =>
    inWorkspace(db, ctx.ws.id, (tx) => tx.selectFrom('support_tickets').selectAll().orderBy('id').execute());
  return { ...ctx, log, calls, tickets };
}

describe('logging a call from the desk', () => {
  it('opens a phone ticket with the E.164 number, or notes the call on a ticket', async () => {
    const c = await phoneWorkspace();
    const res = await c.log({
      phone: '030 1234567',
      direction: 'inbound',
      outcome: 'answered',
      duration_seconds: 125,
      notes: 'Asked about a refund',
      customer: 'ann@example.test',
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{
      created: boolean;
      ticket: {
        id: number;
        ticket_number: string;
        channel: string;
        source_phone: string;
        description: string;
      };
    }>();
    expect(body.created).toBe(true);
    expect(body.ticket).toMatchObject({ channel: 'phone', source_phone: '+49301234567' });
    expect(body.ticket.description).toContain('Inbound call, +49301234567, 2 min 5 s, answered');
    const customer = await inWorkspace(db, c.ws.id, (tx) =>
      tx
        .selectFrom('customers')
        .selectAll()
        .where('email', '=', 'ann@example.test')
        .executeTakeFirstOrThrow(),
    );
    expect(customer.phone).toBe('+49301234567');

    // A second call from the same number, without naming the customer, finds Ann by her number.
    const again = await c.log({ phone: '+49 30 1234567', direction: 'inbound', outcome: 'answered' });
    expect(again.json<{ ticket: { customer: { email: string } } }>().ticket.customer.email).toBe(
      'ann@example.test',
    );

    // On an existing ticket: an internal note; the customer never sees it.
    const note = await c.log({
      ticket: body.ticket.ticket_number,
      phone: '030 1234567',
      direction: 'outbound',
      outcome: 'no_answer',
      duration_seconds: 20,
    });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json()).toMatchObject({ created: false });
    const messages = await inWorkspace(db, c.ws.id, (tx) =>
      tx.selectFrom('support_ticket_messages').selectAll().where('ticket_id', '=', body.ticket.id).execute(),
    );
    expect(messages.find((m) => m.message.startsWith('Outbound call'))).toMatchObject({ is_internal: true });
    const asCustomer = await app.inject({
      method: 'GET',
      url: `/api/support/tickets/${body.ticket.ticket_number}/`,
      headers: await customerSession(db, c.ws, customer.id),
    });
    expect(asCustomer.statusCode).toBe(200);
    expect(asCustomer.body).not.toContain('Outbound call');
    expect((await c.calls()).map((k) => [k.kind, k.direction, k.outcome, k.phone])).toEqual([
      ['logged', 'inbound', 'answered', '+49301234567'],
      ['logged', 'inbound', 'answered', '+49301234567'],
      ['logged', 'outbound', 'no_answer', '+49301234567'],
    ]);
  });

  it('refuses bad numbers (400), customers (403), anonymous callers (401) and other workspaces’ tickets (404)', async () => {
    const c = await phoneWorkspace();
    const bad = await c.log({ phone: '12', direction: 'inbound', outcome: 'answered' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const notANumber = await c.log({ phone: 'call me maybe', direction: 'inbound', outcome: 'answered' });
    expect(notANumber.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'phone' }] });
    const other = await buildWorkspace(db);
    const theirs = await buildTicket(db, other);
    const across = await c.log({
      ticket: theirs.id,
      phone: '+4930123456',
      direction: 'inbound',
      outcome: 'answered',
    });
    expect(across.statusCode).toBe(404);
    const ticket = await buildTicket(db, c.ws);
    const session = await customerSession(db, c.ws, ticket.customer_id);
    const asCustomer = await app.inject({
      method: 'POST',
      url: '/api/support/phone/calls/',
      headers: session,
      payload: { phone: '+4930123456', direction: 'inbound', outcome: 'answered' },
    });
    expect(asCustomer.statusCode).toBe(403);
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/support/phone/calls/',
      headers: { 'x-workspace': c.ws.slug },
      payload: { phone: '+4930123456', direction: 'inbound', outcome: 'answered' },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await c.calls()).toEqual([]);
  });
});

describe('the telephony webhook', () => {
  const URL = '/api/support/channels/telephony/';
  const report = (callId: string, extra: object = {}) => ({
    event: 'voicemail',
    call_id: callId,
    from: '0171 2345678',
    caller_name: 'Paul Caller',
    duration_seconds: 42,
    recording_url: 'https://pbx.example.test/rec/1.mp3',
    ...extra,
  });

  it('turns a voicemail into a phone ticket for the caller, with the recording, once per call id', async () => {
    const c = await phoneWorkspace();
    const none = await signedPost(app, { url: URL, slug: c.ws.slug, secret: 'whatever', body: report('c1') });
    expect(none.statusCode).toBe(401);
    const rotated = await c.call('POST', '/api/support/admin/channels/secrets/telephony/rotate/');
    const secret = rotated.json<{ secret: string }>().secret;
    // A customer already known by that number gets the ticket.
    await c.log({
      phone: '+491712345678',
      direction: 'inbound',
      outcome: 'answered',
      customer: 'paul@example.test',
    });

    // Signed at a fixed second, so that the report sent again below is signed at another one: the same
    // body signed at the same second is the same signature, a replay (409).
    const firstAt = Math.floor(Date.now() / 1000);
    const first = await signedPost(app, {
      url: URL,
      slug: c.ws.slug,
      secret,
      body: report('c1'),
      at: firstAt,
    });
    expect(first.statusCode, first.body).toBe(201);
    const ticketId = first.json<{ ticket_id: number }>().ticket_id;
    const ticket = (await c.tickets()).find((t) => t.id === ticketId)!;
    expect(ticket).toMatchObject({
      channel: 'phone',
      source_phone: '+491712345678',
      subject: 'Voicemail from +491712345678',
    });
    expect(ticket.description).toContain('Recording: https://pbx.example.test/rec/1.mp3');
    const owner = await inWorkspace(db, c.ws.id, (tx) =>
      tx
        .selectFrom('customers')
        .select('email')
        .where('id', '=', ticket.customer_id)
        .executeTakeFirstOrThrow(),
    );
    expect(owner.email).toBe('paul@example.test');
    expect((await c.calls()).at(-1)).toMatchObject({
      kind: 'voicemail',
      recording_url: 'https://pbx.example.test/rec/1.mp3',
      external_id: 'c1',
    });

    // The same call reported again (freshly signed): 200, the same ticket, nothing new.
    const count = (await c.tickets()).length;
    const again = await signedPost(app, {
      url: URL,
      slug: c.ws.slug,
      secret,
      body: report('c1'),
      at: firstAt - 1,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ created: false, ticket_id: ticketId });
    expect(await c.tickets()).toHaveLength(count);

    // A missed call from an unknown number: a new customer with that number.
    const missed = await signedPost(app, {
      url: URL,
      slug: c.ws.slug,
      secret,
      body: { event: 'missed_call', call_id: 'c2', from: '+4940999888' },
    });
    expect(missed.statusCode, missed.body).toBe(201);
    const newcomer = await inWorkspace(db, c.ws.id, (tx) =>
      tx.selectFrom('customers').selectAll().where('phone', '=', '+4940999888').executeTakeFirstOrThrow(),
    );
    expect(newcomer.email).toBe('phone-4940999888@phone.invalid');
  });

  it('checks signatures: tampered, expired, replayed, another workspace’s secret', async () => {
    const c = await phoneWorkspace();
    const secret = (await c.call('POST', '/api/support/admin/channels/secrets/telephony/rotate/')).json<{
      secret: string;
    }>().secret;
    const raw = JSON.stringify(report('s1'));
    const t = Math.floor(Date.now() / 1000);
    const header = signWebhookBody(secret, t, raw);
    const valid = await signedPost(app, { url: URL, slug: c.ws.slug, secret, body: raw, header });
    expect(valid.statusCode).toBe(201);
    const replayed = await signedPost(app, { url: URL, slug: c.ws.slug, secret, body: raw, header });
    expect(replayed.statusCode).toBe(409);
    const tampered = await signedPost(app, {
      url: URL,
      slug: c.ws.slug,
      secret,
      body: raw.replace('s1', 's2'),
      header,
    });
    expect(tampered.statusCode).toBe(401);
    const expired = await signedPost(app, {
      url: URL,
      slug: c.ws.slug,
      secret,
      body: report('s3'),
      at: t - 301,
    });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'NOT_AUTHENTICATED' });
    const unsigned = await signedPost(app, {
      url: URL,
      slug: c.ws.slug,
      secret,
      body: report('s4'),
      header: '',
    });
    expect(unsigned.statusCode).toBe(401);
    const other = await buildWorkspace(db);
    const otherAdmin = await buildAdmin(db, other);
    const otherSecret = (
      await app.inject(
        asBearer(otherAdmin.token, {
          method: 'POST',
          url: '/api/support/admin/channels/secrets/telephony/rotate/',
        }),
      )
    ).json<{ secret: string }>().secret;
    const wrongKey = await signedPost(app, {
      url: URL,
      slug: c.ws.slug,
      secret: otherSecret,
      body: report('s5'),
    });
    expect(wrongKey.statusCode).toBe(401);
    const badJson = await signedPost(app, { url: URL, slug: c.ws.slug, secret, body: '{"event":' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.headers['content-type']).toContain('application/problem+json');
    expect((await c.tickets()).map((k) => k.subject)).toEqual(['Voicemail from +491712345678']);
  });
});
