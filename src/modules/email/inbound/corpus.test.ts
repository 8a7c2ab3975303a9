import { describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../../db/tenant.js';
import { adminContext } from '../../../test/admin-context.js';
import { asBearer, testApp } from '../../../test/app.js';
import { unique } from '../../../test/factories.js';
import { createMailbox, fixture, inboundKit } from './test-kit.js';
import { foldQuotes, linkInlineImages, sanitizeMailHtml } from './content.js';

const t = await testApp();
const { app, db } = t;

async function one(
  k: Awaited<ReturnType<typeof inboundKit>>,
  name: string,
  vars: Record<string, string> = {},
) {
  const [row] = await k.deliver(fixture(name, { TO: k.mailbox.address, ...vars }));
  if (!row) throw new Error(`${name} was not stored`);
  const ticket = (await k.tickets()).find((x) => x.id === row.ticket_id);
  return { row, ticket };
}

describe('the mail corpus', () => {
  it('decodes ISO-2022-JP, windows-1252 and UTF-7', async () => {
    const k = await inboundKit(t);
    const jp = await one(k, 'iso-2022-jp.eml');
    expect(jp.ticket).toMatchObject({
      subject: '注文について',
      description: 'お世話になっております。注文した商品が届きません。',
    });
    const cp = await one(k, 'windows-1252.eml');
    expect(cp.ticket).toMatchObject({
      subject: 'Rücksendung – Straße',
      description: 'Grüße, die Lieferung für 20 € kam nicht an – bitte prüfen.',
    });
    const [customer] = await inWorkspace(db, k.ws.id, (tx) =>
      tx.selectFrom('customers').select('name').where('email', '=', 'juergen@example.de').execute(),
    );
    expect(customer?.name).toBe('Jürgen Müller');
    const utf7 = await one(k, 'utf-7.eml');
    expect(utf7.ticket?.description).toBe('Señor, el pedido no llegó. ©');
  });

  it('keeps HTML-only mail as text and sanitised HTML without scripts, handlers or remote resources', async () => {
    const k = await inboundKit(t);
    const { row, ticket } = await one(k, 'html-only.eml');
    expect(ticket?.description).toContain('My ORDER is late.'.replace('ORDER', 'order'));
    expect(ticket?.description).not.toContain('<');
    const html = row.html_body ?? '';
    expect(html).toContain('<b>order</b>');
    for (const bad of ['script', 'onclick', 'tracker.example', 'javascript:', 'style', 'steal']) {
      expect(html, bad).not.toContain(bad);
    }
    expect(html).toContain('href="https://shop.example/order/1"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it('stores an inline cid: image as an attachment and points the HTML at it', async () => {
    const k = await inboundKit(t);
    const { row, ticket } = await one(k, 'inline-image.eml');
    const attachments = await inWorkspace(db, k.ws.id, (tx) =>
      tx
        .selectFrom('ticket_attachments')
        .selectAll()
        .where('ticket_id', '=', ticket?.id ?? 0)
        .execute(),
    );
    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject({ filename: 'damage.png', mime_type: 'image/png', file_size: 70 });
    expect(row.html_body).toContain(
      `src="/api/support/tickets/${ticket?.id}/attachments/${attachments[0]?.id}/"`,
    );
    expect(row.html_body).not.toContain('cid:');
    expect(await t.deps.storage.exists(attachments[0]?.file ?? '')).toBe(true);
  });

  it('folds quoted history, signatures and a forwarded mail away (kept beside the message)', async () => {
    const k = await inboundKit(t);
    const gmail = await one(k, 'gmail-reply.eml');
    expect(gmail.ticket?.description).toBe('Still nothing arrived today.');
    expect(gmail.row.folded_text).toContain('Greg Example');
    expect(gmail.row.folded_text).toContain('> It is on its way.');
    const outlook = await one(k, 'outlook-reply.eml');
    expect(outlook.ticket?.description).toBe('Thanks, that works for me.\n\nOlga');
    expect(outlook.row.folded_text).toContain('We will send a new one.');
    const fwd = await one(k, 'forwarded.eml');
    expect(fwd.ticket?.description).toBe('Please look at this, the shop never answered.');
    expect(fwd.row.folded_text).toContain('Your order has shipped.');
  });

  it('reads mail with no Content-Type and with a malformed MIME boundary', async () => {
    const k = await inboundKit(t);
    const plain = await one(k, 'no-content-type.eml');
    expect(plain.ticket?.description).toBe('Just a line of text without any MIME headers.');
    const broken = await one(k, 'malformed-boundary.eml');
    expect(broken.row.status).toBe('processed');
    expect(broken.ticket?.description).toContain('The boundary never matches but the text must survive.');
  });

  it('classifies the out-of-office, the mailing list and the DSN; the DSN bounces our mail', async () => {
    const k = await inboundKit(t);
    const ooo = await one(k, 'out-of-office.eml');
    expect(ooo.row).toMatchObject({ classification: 'auto', status: 'ignored', ticket_id: null });
    const list = await one(k, 'mailing-list.eml');
    expect(list.row).toMatchObject({ classification: 'bulk', status: 'processed' });

    const outId = `<bounced-${unique()}@bfg2.test>`;
    const out = await asSystem(db, (tx) =>
      tx
        .insertInto('outbound_emails')
        .values({
          workspace_id: k.ws.id,
          to_address: 'nobody@example.com',
          subject: 's',
          text_body: 't',
          message_id: outId,
          status: 'sent',
          ticket_id: list.ticket?.id ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    const before = (await k.tickets()).length;
    const dsn = await one(k, 'dsn-bounce.eml', { BOUNCED_ID: outId });
    expect(dsn.row).toMatchObject({
      classification: 'bounce',
      status: 'processed',
      ticket_id: list.ticket?.id,
    });
    expect((await k.tickets()).length).toBe(before);
    const bounced = await asSystem(db, (tx) =>
      tx.selectFrom('outbound_emails').selectAll().where('id', '=', out.id).executeTakeFirstOrThrow(),
    );
    expect(bounced).toMatchObject({ status: 'bounced' });
    expect(bounced.bounce_reason).toContain('User unknown');
    expect(bounced.bounced_at).not.toBeNull();
  });
});

describe('content helpers', () => {
  it('shows an all-quote mail in full rather than nothing', () => {
    expect(foldQuotes('> only a quote\n> here')).toEqual({ visible: '> only a quote\n> here', folded: '' });
  });
  it('drops images that are not our inline parts', () => {
    const html = linkInlineImages(
      sanitizeMailHtml(
        '<img src="cid:a"><img src="cid:b" alt="B"><img src="//x.example/y"><img src="https://x.example/y">' +
          '<img alt="x>y" src="cid:%3Cc%26d%3E"><p>&lt;img src="cid:a"&gt;</p><img src=" javascript:alert(1)">',
      ),
      new Map([
        ['a', '/u'],
        ['c&d', '/v?x=1&y="2"'],
      ]),
    );
    expect(html).toBe(
      '<img src="/u" /><img alt="x&gt;y" src="/v?x=1&amp;y=&quot;2&quot;" /><p>&lt;img src="cid:a"&gt;</p>',
    );
  });
});

describe('failed mail: kept, listed for admins, retried', () => {
  const BASE = '/api/support/admin/inbound-emails/';

  it('keeps a mail without sender as failed; an admin lists it and retries (agents 403, others 404)', async () => {
    const ctx = await adminContext(app, db, BASE);
    const mailbox = await createMailbox(t, ctx.ws);
    const k = { ...(await inboundKit(t)) };
    // Deliver into the admin's workspace: a kit bound to it.
    const { storeInboundMail } = await import('./store-inbound.js');
    const { processInboundEmail } = await import('./process-inbound.js');
    const { processDeps } = await import('./test-kit.js');
    const recipient = {
      mailboxId: mailbox.id,
      workspaceId: ctx.ws.id,
      address: mailbox.address,
      token: null,
      recipient: mailbox.address,
    };
    const [badId] = await storeInboundMail(t.deps, {
      raw: fixture('no-sender.eml', { TO: mailbox.address }),
      recipients: [recipient],
      source: 'smtp',
    });
    const [goodId] = await storeInboundMail(t.deps, {
      raw: fixture('no-content-type.eml', { TO: mailbox.address }),
      recipients: [recipient],
      source: 'smtp',
    });
    expect(await processInboundEmail(processDeps(t), ctx.ws.id, badId ?? 0)).toBe('failed');

    const list = await ctx.call('GET', `${BASE}?status=failed`);
    expect(list.statusCode).toBe(200);
    const failed = list.json<{ results: { id: number; status: string; error: string; size: number }[] }>()
      .results;
    expect(failed.map((f) => f.id)).toEqual([badId]);
    expect(failed[0]?.error).toContain('no sender');
    expect(failed[0]?.size).toBeGreaterThan(0);

    const retried = await ctx.call('POST', `${BASE}${badId}/retry/`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'failed', attempts: 2 });

    // A mail that failed for a passing reason (simulated) succeeds on retry.
    await asSystem(db, (tx) =>
      tx
        .updateTable('inbound_emails')
        .set({ status: 'failed', error: 'database went away' })
        .where('id', '=', goodId ?? 0)
        .execute(),
    );
    const ok = await ctx.call('POST', `${BASE}${goodId}/retry/`);
    expect(ok.json()).toMatchObject({ status: 'processed', classification: 'normal' });
    expect(ok.json<{ ticket: number | null }>().ticket).not.toBeNull();
    const again = await ctx.call('POST', `${BASE}${goodId}/retry/`);
    expect(again.statusCode).toBe(422);
    expect(again.headers['content-type']).toContain('application/problem+json');

    for (const [method, url] of [
      ['GET', BASE],
      ['GET', `${BASE}${badId}/`],
      ['POST', `${BASE}${badId}/retry/`],
    ] as const) {
      expect((await ctx.call(method, url, undefined, ctx.agentToken)).statusCode, url).toBe(403);
      const other = await app.inject(
        asBearer((await adminContext(app, db, BASE)).admin.token, { method, url }),
      );
      if (url !== BASE) expect(other.statusCode, url).toBe(404);
    }
    expect((await ctx.call('GET', `${BASE}?status=nope`)).statusCode).toBe(400);
    expect((await ctx.call('GET', `${BASE}abc/`)).statusCode).toBe(400);
    expect(k.ws.id).not.toBe(ctx.ws.id);
  });
});
