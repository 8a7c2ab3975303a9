import { describe, expect, it } from 'vitest';
import { asBearer, testApp } from '../../test/app.js';
import {
  buildAdmin,
  buildCustomer,
  buildTicket,
  buildWorkspace,
  customerSession,
} from '../../test/factories.js';
import { multipartBody, PDF, PNG, type TestFile } from './test-helpers.js';

const { app, db } = await testApp();

interface MessageBody {
  id: number;
  attachments: { id: number; filename: string }[];
}

async function setup() {
  const ws = await buildWorkspace(db);
  const admin = await buildAdmin(db, ws);
  const customer = await buildCustomer(db, ws);
  const session = await customerSession(db, ws, customer.id);
  const ticket = await buildTicket(db, ws, { customerId: customer.id, status: 'open' });
  const reply = async (fields: Record<string, string>, files: TestFile[], as: 'admin' | 'customer') => {
    const body = await multipartBody(fields, files);
    const options = {
      method: 'POST' as const,
      url: `/api/support/tickets/${ticket.id}/reply/`,
      payload: body.payload,
    };
    const res = await app.inject(
      as === 'admin'
        ? asBearer(admin.token, { ...options, headers: body.headers })
        : { ...options, headers: { ...session, ...body.headers } },
    );
    expect(res.statusCode).toBe(201);
    return res.json<MessageBody>();
  };
  const download = (
    attachmentId: number | undefined,
    headers: Record<string, string>,
    ticketId = ticket.id,
  ) =>
    app.inject({
      method: 'GET',
      url: `/api/support/tickets/${ticketId}/attachments/${attachmentId ?? 0}/`,
      headers,
    });
  const bearer = { authorization: `Bearer ${admin.token}` };
  return { ws, admin, customer, session, ticket, reply, download, bearer };
}

describe('downloading attachments', () => {
  it('sends the stored bytes with defensive headers', async () => {
    const { reply, download, bearer, session } = await setup();
    const sent = await reply(
      { message: 'files' },
      [
        { name: 'Rechnung für Mai.pdf', content: PDF },
        { name: 'photo.png', content: PNG },
      ],
      'customer',
    );
    const [pdf, png] = sent.attachments;
    const res = await download(pdf?.id, bearer);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PDF)).toBe(true);
    expect(res.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(PDF.length),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      'content-security-policy': "default-src 'none'; sandbox",
    });
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Rechnung f_r Mai.pdf"; filename*=UTF-8''Rechnung%20f%C3%BCr%20Mai.pdf`,
    );
    const image = await download(png?.id, session);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['content-disposition']).toMatch(/^inline; /);
  });

  it('hides internal notes’ files from customers, in the detail and the download', async () => {
    const { reply, download, bearer, session, ticket } = await setup();
    const note = await reply(
      { message: 'internal', is_internal: 'true' },
      [{ name: 'secret-report.txt', content: 'SECRET' }],
      'admin',
    );
    const visible = await reply({ message: 'public' }, [{ name: 'label.txt', content: 'label' }], 'admin');
    const noteFile = note.attachments[0]?.id;
    expect((await download(noteFile, bearer)).statusCode).toBe(200);
    expect((await download(noteFile, session)).statusCode).toBe(404);
    expect((await download(visible.attachments[0]?.id, session)).statusCode).toBe(200);

    const detail = await app.inject({
      method: 'GET',
      url: `/api/support/tickets/${ticket.id}/`,
      headers: session,
    });
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toContain('secret-report');
    expect(detail.json<{ attachments: { filename: string }[] }>().attachments.map((a) => a.filename)).toEqual(
      ['label.txt'],
    );
    const staffDetail = await app.inject({
      method: 'GET',
      url: `/api/support/tickets/${ticket.id}/`,
      headers: bearer,
    });
    expect(staffDetail.body).toContain('secret-report');
  });

  it('answers 404 for another customer, another ticket and another workspace', async () => {
    const { ws, reply, download, bearer } = await setup();
    const sent = await reply({ message: 'files' }, [{ name: 'a.txt', content: 'a' }], 'admin');
    const fileId = sent.attachments[0]?.id;

    const stranger = await buildCustomer(db, ws);
    const strangerSession = await customerSession(db, ws, stranger.id);
    expect((await download(fileId, strangerSession)).statusCode).toBe(404);

    const otherTicket = await buildTicket(db, ws, { customerId: stranger.id });
    expect((await download(fileId, strangerSession, otherTicket.id)).statusCode).toBe(404);
    expect((await download(fileId, bearer, otherTicket.id)).statusCode).toBe(404);

    const elsewhere = await buildWorkspace(db);
    const outsider = await buildAdmin(db, elsewhere);
    const res = await download(fileId, { authorization: `Bearer ${outsider.token}` });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await download(fileId, {})).statusCode).toBe(401);
  });
});
