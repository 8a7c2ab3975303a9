/**
 * The admins' look at a stored mail: its header fields and source start in the detail, the raw .eml
 * download (safe file name, admins only, tenancy) and the classification filter of the list.
 */
import { describe, expect, it } from 'vitest';
import { adminContext } from '../../../test/admin-context.js';
import { testApp } from '../../../test/app.js';
import { buildAdmin, buildWorkspace } from '../../../test/factories.js';
import { processInboundEmail } from './process-inbound.js';
import { storeInboundMail } from './store-inbound.js';
import { compose, createMailbox, fixture, processDeps } from './test-kit.js';

const t = await testApp();
const BASE = '/api/support/admin/inbound-emails/';

async function setUp() {
  const ctx = await adminContext(t.app, t.db, BASE);
  const mailbox = await createMailbox(t, ctx.ws);
  const recipient = {
    mailboxId: mailbox.id,
    workspaceId: ctx.ws.id,
    address: mailbox.address,
    token: null,
    recipient: mailbox.address,
  };
  const store = async (raw: Buffer) => {
    const [id] = await storeInboundMail(t.deps, { raw, recipients: [recipient], source: 'smtp' });
    await processInboundEmail(processDeps(t), ctx.ws.id, id ?? 0);
    return id ?? 0;
  };
  return { ...ctx, mailbox, store };
}

describe('inbound mail source for admins', () => {
  it('shows the header fields and the source start, and downloads the raw mail as inbound-<id>.eml', async () => {
    const ctx = await setUp();
    const raw = fixture('no-sender.eml', { TO: ctx.mailbox.address });
    const id = await ctx.store(raw);

    const detail = await ctx.call('GET', `${BASE}${id}/`);
    expect(detail.statusCode, detail.body).toBe(200);
    const body = detail.json<{
      status: string;
      headers: { name: string; value: string }[];
      source_preview: string;
    }>();
    expect(body.status).toBe('failed');
    expect(body.headers).toContainEqual({ name: 'subject', value: 'Who sent this?' });
    expect(body.headers).toContainEqual({ name: 'message-id', value: '<nosender@example.com>' });
    expect(body.source_preview).toContain('There is no From header.');

    const download = await ctx.call('GET', `${BASE}${id}/raw/`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('message/rfc822');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="inbound-${id}.eml"`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(raw)).toBe(true);
  });

  it('never takes the file name from the mail, whatever its subject or attachments are called', async () => {
    const ctx = await setUp();
    const id = await ctx.store(
      await compose({
        from: 'sender@example.test',
        to: ctx.mailbox.address,
        subject: '../../etc/passwd"; filename=evil.sh',
        text: 'hi',
        attachments: [{ filename: '../../evil.sh', content: 'x' }],
      }),
    );
    const download = await ctx.call('GET', `${BASE}${id}/raw/`);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="inbound-${id}.eml"`);
  });

  it('is for admins of the workspace only: agents 403, another workspace 404, bad ids 400', async () => {
    const ctx = await setUp();
    const id = await ctx.store(fixture('no-sender.eml', { TO: ctx.mailbox.address }));
    for (const url of [`${BASE}${id}/`, `${BASE}${id}/raw/`]) {
      expect((await ctx.call('GET', url, undefined, ctx.agentToken)).statusCode, url).toBe(403);
      const stranger = await buildAdmin(t.db, await buildWorkspace(t.db));
      expect((await ctx.call('GET', url, undefined, stranger.token)).statusCode, url).toBe(404);
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
    expect((await ctx.call('GET', `${BASE}../../etc/raw/`)).statusCode).toBeGreaterThanOrEqual(400);
    const bad = await ctx.call('GET', `${BASE}abc/raw/`);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('filters the list by classification', async () => {
    const ctx = await setUp();
    const normal = await ctx.store(
      await compose({ from: 'a@example.test', to: ctx.mailbox.address, subject: 'Hi', text: 'Hello' }),
    );
    const auto = await ctx.store(
      fixture('out-of-office.eml', { TO: ctx.mailbox.address, FROM: 'ooo@example.test' }),
    );
    const ids = async (query: string) =>
      (await ctx.call('GET', `${BASE}?${query}`))
        .json<{ results: { id: number }[] }>()
        .results.map((r) => r.id);
    expect(await ids('classification=auto')).toEqual([auto]);
    expect(await ids('classification=normal')).toEqual([normal]);
    expect((await ctx.call('GET', `${BASE}?classification=spam`)).statusCode).toBe(400);
  });
});
