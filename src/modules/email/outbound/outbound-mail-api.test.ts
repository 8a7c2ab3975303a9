/** The outgoing mail APIs: outbox, templates and previews, with their permissions and tenancy. */
import { describe, expect, it } from 'vitest';
import { asSystem } from '../../../db/tenant.js';
import { asBearer } from '../../../test/app.js';
import { buildAdmin, buildWorkspace } from '../../../test/factories.js';
import { lastEventId } from '../../../test/stored-events.js';
import {
  t,
  dispatch,
  outbox,
  workspaceWithMailbox,
  openWebTicket,
  setUpOutboundMail,
} from './outbound-test-kit.js';

setUpOutboundMail();

describe('outgoing mail APIs', () => {
  it('lists and retries a ticket’s mails for staff only; another workspace gets 404', async () => {
    const { ws, agentToken, admin } = await workspaceWithMailbox();
    const mark = await lastEventId(t.db, ws.id);
    const { ticket, session } = await openWebTicket(ws);
    await t.app.inject(
      asBearer(agentToken, {
        method: 'POST',
        url: `/api/support/tickets/${ticket.id}/reply/`,
        payload: { message: 'Hello' },
      }),
    );
    await dispatch(ws, mark);
    const [ackRow, replyRow] = await outbox(ws);
    const url = `/api/support/tickets/${ticket.ticket_number}/emails/`;

    const list = await t.app.inject(asBearer(agentToken, { method: 'GET', url }));
    expect(list.statusCode, list.body).toBe(200);
    expect(
      list
        .json<{ results: { id: number; status: string; kind: string }[] }>()
        .results.map((r) => [r.id, r.kind, r.status]),
    ).toEqual([
      [ackRow!.id, 'acknowledgement', 'pending'],
      [replyRow!.id, 'reply', 'pending'],
    ]);
    expect((await t.app.inject({ method: 'GET', url, headers: session })).statusCode).toBe(403);
    const other = await buildWorkspace(t.db);
    const stranger = await buildAdmin(t.db, other);
    expect(
      (
        await t.app.inject(
          asBearer(stranger.token, { method: 'GET', url: `/api/support/tickets/${ticket.id}/emails/` }),
        )
      ).statusCode,
    ).toBe(404);
    const retryUrl = (id: number) => `/api/support/tickets/${ticket.id}/emails/${id}/retry/`;
    expect(
      (await t.app.inject(asBearer(stranger.token, { method: 'POST', url: retryUrl(ackRow!.id) })))
        .statusCode,
    ).toBe(404);

    // Only a failed mail is retried; an interrupted one only when staff accept a possible duplicate.
    expect(
      (await t.app.inject(asBearer(agentToken, { method: 'POST', url: retryUrl(ackRow!.id) }))).statusCode,
    ).toBe(409);
    await asSystem(t.db, (tx) =>
      tx
        .updateTable('outbound_emails')
        .set({ status: 'failed', needs_review: true })
        .where('id', '=', ackRow!.id)
        .execute(),
    );
    const refused = await t.app.inject(
      asBearer(agentToken, { method: 'POST', url: retryUrl(ackRow!.id), payload: {} }),
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toContain(ackRow!.message_id);
    const retried = await t.app.inject(
      asBearer(admin.token, {
        method: 'POST',
        url: retryUrl(ackRow!.id),
        payload: { confirm_possible_duplicate: true },
      }),
    );
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'pending', needs_review: false });
    expect(
      (await t.app.inject(asBearer(agentToken, { method: 'POST', url: retryUrl(999_999_999) }))).statusCode,
    ).toBe(404);
  });

  it('lets admins edit the templates of their own workspace, checked and used for the next mail', async () => {
    const { ws, agentToken, admin } = await workspaceWithMailbox();
    const url = '/api/support/admin/mail-templates/';
    const list = await t.app.inject(asBearer(admin.token, { method: 'GET', url }));
    expect(list.statusCode).toBe(200);
    const all = list.json<{ results: { kind: string; language: string; is_default: boolean }[] }>().results;
    expect(all.map((r) => `${r.kind}/${r.language}`)).toEqual([
      'acknowledgement/en',
      'acknowledgement/de',
      'reply/en',
      'reply/de',
      'resolved/en',
      'resolved/de',
      // The account mails (migration 0044).
      ...[
        'login_link',
        'signup_confirmation',
        'signup_existing_account',
        'password_reset',
        'staff_invitation',
        'staff_password_reset',
      ].flatMap((kind) => [`${kind}/en`, `${kind}/de`]),
    ]);
    expect((await t.app.inject(asBearer(agentToken, { method: 'GET', url }))).statusCode).toBe(403);
    expect(
      (
        await t.app.inject(
          asBearer(agentToken, { method: 'PUT', url: `${url}reply/en/`, payload: { text_body: 'x' } }),
        )
      ).statusCode,
    ).toBe(403);
    const bad = await t.app.inject(
      asBearer(admin.token, {
        method: 'PUT',
        url: `${url}reply/en/`,
        payload: { text_body: 'Hi {{customer.age}}' },
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('customer.age');
    expect(
      (
        await t.app.inject(
          asBearer(admin.token, { method: 'PUT', url: `${url}reply/xx/`, payload: { text_body: 'x' } }),
        )
      ).statusCode,
    ).toBe(400);

    const saved = await t.app.inject(
      asBearer(admin.token, {
        method: 'PUT',
        url: `${url}reply/en/`,
        payload: {
          text_body: 'Dear {{customer.name}}:\n{{message.text}}\n{{portal.link}}',
          html_body: '<table><tr><td>{{message.text}}</td></tr></table>',
        },
      }),
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ is_default: false });
    // Another workspace still has the default.
    const other = await buildAdmin(t.db, await buildWorkspace(t.db));
    const theirs = await t.app.inject(asBearer(other.token, { method: 'GET', url: `${url}reply/en/` }));
    expect(theirs.json()).toMatchObject({ is_default: true });

    const mark = await lastEventId(t.db, ws.id);
    const { ticket } = await openWebTicket(ws);
    await t.app.inject(
      asBearer(agentToken, {
        method: 'POST',
        url: `/api/support/tickets/${ticket.id}/reply/`,
        payload: { message: 'a < b' },
      }),
    );
    await dispatch(ws, mark);
    const replyRow = (await outbox(ws)).find((r) => r.kind === 'reply')!;
    expect(replyRow.text_body).toBe(
      `Dear Carla <Customer>:\na < b\nhttps://help.example.test/app/tickets/${ticket.ticket_number}`,
    );
    expect(replyRow.html_body).toBe('<table><tr><td>a &lt; b</td></tr></table>');

    const reset = await t.app.inject(asBearer(admin.token, { method: 'DELETE', url: `${url}reply/en/` }));
    expect(reset.json()).toMatchObject({ is_default: true });
  });
});
