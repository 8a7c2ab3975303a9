import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inWorkspace } from '../../db/tenant.js';
import { asBearer, testApp } from '../../test/app.js';
import {
  buildAdmin,
  buildCustomer,
  buildTicket,
  buildWorkspace,
  customerSession,
} from '../../test/factories.js';
import { filesUnder, multipartBody, PDF, PNG, type TestFile } from './test-helpers.js';

// Small limits, so that exceeding them takes kilobytes, not megabytes.
const { app, db, storageDir } = await testApp({
  env: {
    MAX_ATTACHMENT_BYTES: '1000',
    MAX_MESSAGE_ATTACHMENTS_BYTES: '1500',
    MAX_ATTACHMENTS_PER_MESSAGE: '3',
  },
});

async function setup() {
  const ws = await buildWorkspace(db);
  const admin = await buildAdmin(db, ws);
  const customer = await buildCustomer(db, ws);
  const session = await customerSession(db, ws, customer.id);
  const ticket = await buildTicket(db, ws, { customerId: customer.id, status: 'open' });
  const rows = () =>
    inWorkspace(db, ws.id, (tx) => tx.selectFrom('ticket_attachments').selectAll().orderBy('id').execute());
  const counts = () =>
    inWorkspace(db, ws.id, async (tx) => ({
      tickets: (await tx.selectFrom('support_tickets').select('id').execute()).length,
      messages: (await tx.selectFrom('support_ticket_messages').select('id').execute()).length,
      attachments: (await tx.selectFrom('ticket_attachments').select('id').execute()).length,
    }));
  const create = async (fields: Record<string, string>, files: TestFile[]) => {
    const body = await multipartBody(fields, files);
    return app.inject({
      method: 'POST',
      url: '/api/support/tickets/',
      headers: { ...session, ...body.headers },
      payload: body.payload,
    });
  };
  const reply = async (fields: Record<string, string>, files: TestFile[]) => {
    const body = await multipartBody(fields, files);
    return app.inject(
      asBearer(admin.token, {
        method: 'POST',
        url: `/api/support/tickets/${ticket.id}/reply/`,
        headers: body.headers,
        payload: body.payload,
      }),
    );
  };
  return { ws, admin, customer, session, ticket, rows, counts, create, reply };
}

describe('uploading attachments', () => {
  it('takes files with a new ticket, typed by their content', async () => {
    const { customer, rows, create } = await setup();
    const res = await create({ subject: 'Broken', description: 'See the photo', order: 'SO-9' }, [
      { name: 'photo.png', content: PNG, type: 'text/html' },
      { name: 'notes.txt', content: 'größe: 42\n' },
      { name: 'blob.bin', content: Buffer.from([1, 0, 2, 255]) },
    ]);
    expect(res.statusCode).toBe(201);
    const ticketId = res.json<{ id: number }>().id;
    expect(res.json()).toMatchObject({ subject: 'Broken', order: 'SO-9' });
    const stored = await rows();
    expect(stored.map((r) => [r.filename, r.mime_type, Number(r.file_size)])).toEqual([
      ['photo.png', 'image/png', PNG.length],
      ['notes.txt', 'text/plain', Buffer.byteLength('größe: 42\n')],
      ['blob.bin', 'application/octet-stream', 4],
    ]);
    for (const r of stored) {
      expect(r).toMatchObject({
        ticket_id: ticketId,
        message_id: null,
        uploaded_by_customer_id: customer.id,
        uploaded_by_id: null,
      });
      expect(r.file).toMatch(/^[a-f0-9]{64}$/);
    }
  });

  it('takes files with a reply and lists them on the message', async () => {
    const { admin, ticket, rows, reply } = await setup();
    const res = await reply({ message: 'Here is the label', is_internal: 'true' }, [
      { name: 'label.pdf', content: PDF },
    ]);
    expect(res.statusCode).toBe(201);
    const message = res.json<{ id: number; is_internal: boolean; attachments: unknown[] }>();
    expect(message.is_internal).toBe(true);
    const [row] = await rows();
    expect(row).toMatchObject({ ticket_id: ticket.id, message_id: message.id, uploaded_by_id: admin.id });
    expect(message.attachments).toEqual([
      { id: row?.id, filename: 'label.pdf', file_size: PDF.length, mime_type: 'application/pdf' },
    ]);
  });

  it('stores the same content once, with a row per upload', async () => {
    const { rows, reply } = await setup();
    const content = `same bytes ${Math.random()}`;
    expect((await reply({ message: 'one' }, [{ name: 'a.txt', content }])).statusCode).toBe(201);
    const before = filesUnder(storageDir).length;
    expect((await reply({ message: 'two' }, [{ name: 'b.txt', content }])).statusCode).toBe(201);
    const [a, b] = await rows();
    expect(a?.file).toBe(b?.file);
    expect(filesUnder(storageDir).length).toBe(before);
    const key = a?.file ?? '';
    expect(existsSync(path.join(storageDir, 'attachments', key.slice(0, 2), key.slice(2, 4), key))).toBe(
      true,
    );
  });

  it('refuses a file over the limit with 413 and stores nothing', async () => {
    const { counts, create, reply } = await setup();
    const before = await counts();
    const blobs = filesUnder(storageDir).length;
    const big = await create({ subject: 'Big', description: 'x' }, [
      { name: 'big.bin', content: Buffer.alloc(1001, 7) },
    ]);
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toContain('application/problem+json');
    expect(big.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    const total = await reply({ message: 'two files' }, [
      { name: 'a.bin', content: Buffer.alloc(800, 1) },
      { name: 'b.bin', content: Buffer.alloc(800, 2) },
    ]);
    expect(total.statusCode).toBe(413);
    expect(total.json<{ detail: string }>().detail).toContain('total');
    expect(await counts()).toEqual(before);
    expect(filesUnder(storageDir).length).toBe(blobs);
  });

  it('refuses too many files with 413 and stores nothing', async () => {
    const { counts, create } = await setup();
    const before = await counts();
    const files = [1, 2, 3, 4].map((n) => ({ name: `${n}.txt`, content: `file ${n}` }));
    const res = await create({ subject: 'Many', description: 'x' }, files);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await counts()).toEqual(before);
  });

  it('validates the form fields like a JSON body', async () => {
    const { counts, create, reply } = await setup();
    const before = await counts();
    const unknown = await create({ subject: 'S', description: 'D', colour: 'red' }, []);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ detail: string }>().detail).toContain('additional properties');
    const missing = await create({ description: 'D' }, [{ name: 'a.txt', content: 'a' }]);
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ errors: { path: string }[] }>().errors[0]?.path).toContain('subject');
    const badStatus = await reply({ message: 'x', status: 'bogus' }, []);
    expect(badStatus.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('trusts neither the client’s type nor its path', async () => {
    const { rows, reply } = await setup();
    const res = await reply({ message: 'files' }, [
      { name: 'invoice.png', content: PDF, type: 'image/png' },
      { name: '../../etc/passwd', content: 'root:x:0:0' },
    ]);
    expect(res.statusCode).toBe(201);
    expect((await rows()).map((r) => [r.filename, r.mime_type])).toEqual([
      ['invoice.png', 'application/pdf'],
      ['passwd', 'text/plain'],
    ]);
  });
});
