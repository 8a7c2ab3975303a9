import { describe, expect, it } from 'vitest';
import { asSystem } from '../../db/tenant.js';
import { asBearer, testApp } from '../../test/app.js';
import {
  buildAdmin,
  buildCustomer,
  buildTicket,
  buildWorkspace,
  customerSession,
} from '../../test/factories.js';
import { MAIL_HTML_CSP } from './html-routes.js';

const { app, db } = await testApp();

const HTML = '<p>Hello <b>team</b>, see the <a href="https://example.test/" target="_blank">photo</a>.</p>';

async function setup() {
  const ws = await buildWorkspace(db);
  const admin = await buildAdmin(db, ws);
  const customer = await buildCustomer(db, ws);
  const ticket = await buildTicket(db, ws, { customerId: customer.id });
  const [mailed, plain] = await asSystem(db, async (tx) => {
    const rows = await tx
      .insertInto('support_ticket_messages')
      .values([
        { workspace_id: ws.id, ticket_id: ticket.id, message: 'Hello team', message_type: 'customer' },
        { workspace_id: ws.id, ticket_id: ticket.id, message: 'Plain only', message_type: 'customer' },
      ])
      .returning('id')
      .execute();
    await tx
      .insertInto('inbound_emails')
      .values({
        workspace_id: ws.id,
        message_id: `<${ticket.id}@mail.test>`,
        raw: Buffer.from('raw'),
        status: 'processed',
        ticket_id: ticket.id,
        message_row_id: rows[0]!.id,
        html_body: HTML,
      })
      .execute();
    return rows.map((r) => r.id);
  });
  const get = (url: string, headers: Record<string, string>) => app.inject({ method: 'GET', url, headers });
  return { ws, admin, customer, ticket, mailed: mailed!, plain: plain!, get };
}

describe('the HTML part of mailed messages', () => {
  it('is flagged on the message and served sandboxed to staff', async () => {
    const { admin, ticket, mailed, plain } = await setup();
    const detail = await app.inject(
      asBearer(admin.token, { method: 'GET', url: `/api/support/tickets/${ticket.id}/` }),
    );
    expect(detail.statusCode, detail.body).toBe(200);
    const flags = detail.json<{ messages: { id: number; has_html: boolean }[] }>().messages;
    expect(flags.find((m) => m.id === mailed)?.has_html).toBe(true);
    expect(flags.find((m) => m.id === plain)?.has_html).toBe(false);

    const res = await app.inject(
      asBearer(admin.token, {
        method: 'GET',
        url: `/api/support/tickets/${ticket.ticket_number}/messages/${mailed}/html`,
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(MAIL_HTML_CSP);
    expect(MAIL_HTML_CSP).toMatch(/^sandbox /);
    expect(MAIL_HTML_CSP).not.toContain('allow-scripts');
    expect(res.body).toContain(HTML);
    expect(res.body).toContain('<base target="_blank">');
  });

  it('answers 404 for a message without HTML, of another ticket, or in another workspace; 4xx for the rest', async () => {
    const { ws, admin, customer, ticket, mailed, plain, get } = await setup();
    const url = (t: string | number, m: string | number) => `/api/support/tickets/${t}/messages/${m}/html`;
    const as = (token: string, path: string) => app.inject(asBearer(token, { method: 'GET', url: path }));
    expect((await as(admin.token, url(ticket.id, plain))).statusCode).toBe(404);
    const other = await buildTicket(db, ws, { customerId: customer.id });
    expect((await as(admin.token, url(other.id, mailed))).statusCode).toBe(404);
    const foreign = await buildAdmin(db, await buildWorkspace(db));
    expect((await as(foreign.token, url(ticket.id, mailed))).statusCode).toBe(404);
    expect((await as(admin.token, url(ticket.id, 'abc'))).statusCode).toBe(400);
    expect((await get(url(ticket.id, mailed), {})).statusCode).toBe(401);

    // Customers: no flag on their view of the ticket, no HTML route.
    const session = await customerSession(db, ws, customer.id);
    const mine = await get(`/api/support/tickets/${ticket.id}/`, session);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.body).not.toContain('has_html');
    expect((await get(url(ticket.id, mailed), session)).statusCode).toBe(403);
  });

  it('serves the HTML of the mail that opened the ticket, and keeps it through a merge', async () => {
    const { ws, admin, customer } = await setup();
    const opened = await buildTicket(db, ws, { customerId: customer.id, description: 'The lamp is broken.' });
    await asSystem(db, (tx) =>
      tx
        .insertInto('inbound_emails')
        .values({
          workspace_id: ws.id,
          message_id: `<open-${opened.id}@mail.test>`,
          raw: Buffer.from('raw'),
          status: 'processed',
          ticket_id: opened.id,
          html_body: '<p>The <b>lamp</b> is broken.</p>',
        })
        .execute(),
    );
    const as = (method: 'GET' | 'POST', url: string, payload?: object) =>
      app.inject(asBearer(admin.token, { method, url, ...(payload ? { payload } : {}) }));
    const detail = await as('GET', `/api/support/tickets/${opened.id}/`);
    expect(detail.json<{ description_has_html: boolean }>().description_has_html).toBe(true);
    const html = await as('GET', `/api/support/tickets/${opened.id}/description/html`);
    expect(html.statusCode, html.body).toBe(200);
    expect(html.headers['content-security-policy']).toBe(MAIL_HTML_CSP);
    expect(html.body).toContain('<b>lamp</b>');
    const plainTicket = await buildTicket(db, ws, { customerId: customer.id });
    expect((await as('GET', `/api/support/tickets/${plainTicket.id}/description/html`)).statusCode).toBe(404);

    // Merged away, the opening mail's text becomes a message of the survivor, with its HTML.
    const merged = await as('POST', `/api/support/tickets/${opened.id}/merge/`, {
      into: String(plainTicket.id),
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const survivor = await as('GET', `/api/support/tickets/${plainTicket.id}/`);
    const moved = survivor
      .json<{ messages: { id: number; message: string; has_html: boolean }[] }>()
      .messages.find((m) => m.message === 'The lamp is broken.');
    expect(moved?.has_html).toBe(true);
    const movedHtml = await as('GET', `/api/support/tickets/${plainTicket.id}/messages/${moved?.id}/html`);
    expect(movedHtml.body).toContain('<b>lamp</b>');
  });
});
