/**
 * What the mail screens add to the API: the template editor's live preview (rendered as a real mail,
 * admins only) and the `email.status_changed` events that keep a reply's delivery state live on the desk
 * (queued, sent, failed, retried, bounced) — for staff, never on a customer's stream.
 */
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../../db/schema.js';
import { inWorkspace } from '../../../db/tenant.js';
import { createLogger } from '../../../platform/logger.js';
import { sendEmailJob } from '../../../platform/mail/send-email-job.js';
import type { MailTransport } from '../../../platform/mail/transport.js';
import { adminContext } from '../../../test/admin-context.js';
import { asBearer, testApp } from '../../../test/app.js';
import { buildCustomer, buildWorkspace, customerSession } from '../../../test/factories.js';
import { lastEventId, storedEvents } from '../../../test/stored-events.js';
import { frameFor } from '../../live/event-views.js';
import { markBounced } from '../inbound/inbound-repository.js';
import { outboundMailSubscriber } from './subscriber.js';

const t = await testApp();
const log = createLogger('silent');
const TEMPLATES = '/api/support/admin/mail-templates/';

describe('mail template preview', () => {
  it('renders the draft as a real mail for a sample ticket, escaping the HTML part; admins only', async () => {
    const ctx = await adminContext(t.app, t.db, TEMPLATES);
    await inWorkspace(t.db, ctx.ws.id, (tx) =>
      tx
        .insertInto('mailboxes')
        .values({
          workspace_id: ctx.ws.id,
          address: `p-${ctx.ws.slug}@preview.test`,
          signature: 'Team <A&B>',
        })
        .execute(),
    );
    const url = `${TEMPLATES}reply/en/preview/`;
    const res = await ctx.call('POST', url, {
      text_body: 'Hi {{customer.name}}: {{message.text}} — {{mailbox.signature}}',
      html_body: '<p>{{mailbox.signature}} / {{workspace.name}}</p>',
    });
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json<{ subject: string; text_body: string; html_body: string }>();
    expect(preview.subject).toMatch(/^\[#[^\]]+-1042\] My order has not arrived$/);
    expect(preview.text_body).toContain('Hi Jane Doe: Thank you for your patience.');
    expect(preview.text_body).toContain('— Team <A&B>');
    expect(preview.html_body).toBe(`<p>Team &lt;A&amp;B&gt; / ${ctx.ws.name.replace(/&/g, '&amp;')}</p>`);

    // Omitted: the wording in use (the German default), with the German sample.
    const de = await ctx.call('POST', `${TEMPLATES}acknowledgement/de/preview/`, {});
    expect(de.statusCode).toBe(200);
    expect(de.json<{ text_body: string }>().text_body).toContain('Erika Mustermann');
    const bare = await ctx.call('POST', `${TEMPLATES}resolved/en/preview/`);
    expect(bare.statusCode, bare.body).toBe(200);

    const unknown = await ctx.call('POST', url, { text_body: 'Hi {{customer.age}}' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect((await ctx.call('POST', `${TEMPLATES}survey/en/preview/`, {})).statusCode).toBe(400);
    expect((await ctx.call('POST', url, { text_body: 'x' }, ctx.agentToken)).statusCode).toBe(403);

    // Nothing was saved; the list names the placeholders.
    const list = await ctx.call('GET', TEMPLATES);
    const body = list.json<{ results: { kind: string; is_default: boolean }[]; placeholders: string[] }>();
    expect(body.results.every((r) => r.is_default)).toBe(true);
    expect(body.placeholders).toContain('customer.name');
  });
});

type StatusPayload = {
  ticket_id: number;
  outbound_email_id: number;
  message_id: number | null;
  status: string;
};

async function statusEvents(ws: Workspace, after: number) {
  return (await storedEvents(t.db, ws.id, { afterId: after, types: ['email.status_changed'] })).map(
    (e) => e.payload as StatusPayload,
  );
}

describe('email.status_changed', () => {
  it('follows a reply’s mail from queued to sent, failed, retried and bounced; staff see it, customers never', async () => {
    const ctx = await adminContext(t.app, t.db, TEMPLATES);
    const ws = ctx.ws;
    const customer = await buildCustomer(t.db, ws, { email: `st-${ws.slug}@example.test` });
    const session = await customerSession(t.db, ws, customer.id);
    const opened = await t.app.inject({
      method: 'POST',
      url: '/api/support/tickets/',
      headers: session,
      payload: { subject: 'Status', description: 'Where?' },
    });
    const ticket = opened.json<{ id: number; ticket_number: string }>();
    const mark = await lastEventId(t.db, ws.id);
    const reply = await t.app.inject(
      asBearer(ctx.agentToken, {
        method: 'POST',
        url: `/api/support/tickets/${ticket.id}/reply/`,
        payload: { message: 'On its way' },
      }),
    );
    const messageId = reply.json<{ id: number }>().id;
    const sub = outboundMailSubscriber({
      db: t.db,
      jobs: t.deps.jobs,
      publicUrl: 'https://help.example.test',
      mailFrom: 'Install <install@example.test>',
    });
    for (const e of await storedEvents(t.db, ws.id, { afterId: mark }))
      if (sub.types === '*' || sub.types.includes(e.type as never)) await sub.handle(e);

    const queued = await statusEvents(ws, mark);
    const row = queued.find((e) => e.message_id === messageId);
    expect(row).toMatchObject({ ticket_id: ticket.id, status: 'pending' });
    const emailId = row!.outbound_email_id;

    const sent: MailTransport = { send: async () => undefined, close: async () => undefined };
    let mark2 = await lastEventId(t.db, ws.id);
    await sendEmailJob({ db: t.db, transport: sent, log }).handler({
      workspaceId: ws.id,
      outboundEmailId: emailId,
    });
    expect(await statusEvents(ws, mark2)).toEqual([
      { ticket_id: ticket.id, outbound_email_id: emailId, message_id: messageId, status: 'sent' },
    ]);

    // A refused mail (5xx: final) is announced as failed; the staff retry as queued again.
    await inWorkspace(t.db, ws.id, (tx) =>
      tx.updateTable('outbound_emails').set({ status: 'pending' }).where('id', '=', emailId).execute(),
    );
    const refusing: MailTransport = {
      send: () => Promise.reject(Object.assign(new Error('550 no such user'), { responseCode: 550 })),
      close: async () => undefined,
    };
    mark2 = await lastEventId(t.db, ws.id);
    await sendEmailJob({ db: t.db, transport: refusing, log }).handler({
      workspaceId: ws.id,
      outboundEmailId: emailId,
    });
    expect((await statusEvents(ws, mark2)).map((e) => e.status)).toEqual(['failed']);
    mark2 = await lastEventId(t.db, ws.id);
    const retry = await t.app.inject(
      asBearer(ctx.agentToken, {
        method: 'POST',
        url: `/api/support/tickets/${ticket.id}/emails/${emailId}/retry/`,
      }),
    );
    expect(retry.statusCode, retry.body).toBe(200);
    expect((await statusEvents(ws, mark2)).map((e) => e.status)).toEqual(['pending']);

    // A bounce report matched to the mail.
    const { message_id } = await inWorkspace(t.db, ws.id, (tx) =>
      tx
        .selectFrom('outbound_emails')
        .select('message_id')
        .where('id', '=', emailId)
        .executeTakeFirstOrThrow(),
    );
    mark2 = await lastEventId(t.db, ws.id);
    await inWorkspace(t.db, ws.id, (tx) => markBounced(tx, ws.id, [message_id], 'mailbox full', new Date()));
    const bounced = await storedEvents(t.db, ws.id, { afterId: mark2, types: ['email.status_changed'] });
    expect(bounced.map((e) => (e.payload as StatusPayload).status)).toEqual(['bounced']);

    // On the stream: the agents get it, the ticket's own customer does not.
    const logged = { ...bounced[0]!, position: { xid: 1n, id: bounced[0]!.id } };
    const facts = new Map([[logged.id, { ticketId: ticket.id, customerId: customer.id, internal: false }]]);
    expect(frameFor({ kind: 'staff', userId: ctx.agent.id }, logged, facts)).not.toBeNull();
    expect(frameFor({ kind: 'customer', customerId: customer.id }, logged, facts)).toBeNull();

    // Another workspace's staff hear nothing of it: its events are the workspace's own.
    const other = await buildWorkspace(t.db);
    expect(await statusEvents(other, 0)).toEqual([]);
  });
});
