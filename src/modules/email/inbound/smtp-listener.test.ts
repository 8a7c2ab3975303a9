import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { JOB_SCHEMA } from '../../../platform/jobs/pg-boss-queue.js';
import { asSystem, inWorkspace } from '../../../db/tenant.js';
import { testApp } from '../../../test/app.js';
import { buildWorkspace, unique } from '../../../test/factories.js';
import { processInboundEmail } from './process-inbound.js';
import { recipientDirectory } from './recipients.js';
import { startSmtpListener, type ListenerOptions, type RunningListener } from './smtp-listener.js';
import { createMailbox, processDeps } from './test-kit.js';

const run = promisify(execFile);
const t = await testApp();
const { db } = t;
const MB = 1024 * 1024;

const listeners: RunningListener[] = [];
async function listen(
  maxBytes = 40 * MB,
  more: Pick<ListenerOptions, 'onMailboxChange' | 'recipientCacheMs'> = {},
): Promise<RunningListener> {
  const l = await startSmtpListener({
    db,
    jobs: t.deps.jobs,
    log: t.deps.log,
    port: 0,
    host: '127.0.0.1',
    maxBytes,
    ...more,
  });
  listeners.push(l);
  return l;
}
afterAll(async () => {
  await Promise.all(listeners.map((l) => l.close()));
});

function client(port: number) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
}

const stored = (messageId: string) =>
  asSystem(db, (tx) =>
    tx.selectFrom('inbound_emails').selectAll().where('message_id', '=', messageId).execute(),
  );

describe('SMTP listener', () => {
  it('answers 250 only once the raw mail is stored, and the job makes it a ticket', async () => {
    const listener = await listen();
    const ws = await buildWorkspace(db);
    const mailbox = await createMailbox(t, ws);
    const messageId = `<smtp-${unique()}@example.com>`;
    const info = await client(listener.port).sendMail({
      from: 'Nora <nora@example.com>',
      to: mailbox.address,
      subject: 'Über SMTP',
      text: 'Grüße aus dem Test.',
      messageId,
    });
    expect(info.accepted).toEqual([mailbox.address]);
    // Acknowledged means committed: the row is there the moment the client has its 250.
    const [row] = await stored(messageId);
    expect(row).toMatchObject({
      workspace_id: ws.id,
      mailbox_id: mailbox.id,
      status: 'received',
      source: 'smtp',
    });
    const jobs = await sql<{ n: string }>`
      SELECT count(*) AS n FROM ${sql.raw(JOB_SCHEMA)}.job
      WHERE name = 'email.process' AND data->'inboundEmailIds' @> to_jsonb(${row?.id ?? 0}::bigint)`.execute(
      db.kysely,
    );
    expect(Number(jobs.rows[0]?.n)).toBe(1);
    expect(await processInboundEmail(processDeps(t), ws.id, row?.id ?? 0)).toBe('processed');
    const ticket = await inWorkspace(db, ws.id, (tx) =>
      tx.selectFrom('support_tickets').selectAll().executeTakeFirstOrThrow(),
    );
    expect(ticket).toMatchObject({
      subject: 'Über SMTP',
      description: 'Grüße aus dem Test.',
      channel: 'email',
    });
  });

  it('refuses unknown recipients with 550 at RCPT and takes reply sub-addresses', async () => {
    const listener = await listen();
    const ws = await buildWorkspace(db);
    const mailbox = await createMailbox(t, ws);
    const [local, domain] = mailbox.address.split('@');
    const unknown = client(listener.port).sendMail({
      from: 'x@example.com',
      to: `nobody-${unique()}@inbound.test`,
      text: 'x',
    });
    await expect(unknown).rejects.toMatchObject({ responseCode: 550 });
    const relay = client(listener.port).sendMail({
      from: 'x@example.com',
      to: 'victim@gmail.com',
      text: 'x',
    });
    await expect(relay).rejects.toMatchObject({ responseCode: 550 });
    const messageId = `<sub-${unique()}@example.com>`;
    const info = await client(listener.port).sendMail({
      from: 'x@example.com',
      to: [`${local}+abcdef@${domain}`, `nobody-${unique()}@inbound.test`],
      text: 'x',
      messageId,
    });
    expect(info.accepted).toEqual([`${local}+abcdef@${domain}`]);
    expect(info.rejected).toHaveLength(1);
    const [row] = await stored(messageId);
    expect(row?.envelope_to).toEqual([`${local}+abcdef@${domain}`]);
  });

  it('caches known recipients until a mailbox change is notified, then refuses a deactivated one', async () => {
    const notifications = await t.deps.realtime.notifications();
    // An hour: within the test only the notification can drop the cached answer.
    const hour = 3_600_000;
    const notified = await listen(40 * MB, {
      recipientCacheMs: hour,
      onMailboxChange: (fn) => notifications.onMailboxes(fn),
    });
    const unnotified = await listen(40 * MB, { recipientCacheMs: hour });
    const ws = await buildWorkspace(db);
    const mailbox = await createMailbox(t, ws);
    const send = (port: number) =>
      client(port).sendMail({ from: 'x@example.com', to: mailbox.address, text: 'x' });
    expect((await send(notified.port)).accepted).toEqual([mailbox.address]);
    expect((await send(unnotified.port)).accepted).toEqual([mailbox.address]);
    const changed = new Promise<void>((resolve) => notifications.onMailboxes(resolve));
    await asSystem(db, (tx) =>
      tx.updateTable('mailboxes').set({ is_active: false }).where('id', '=', mailbox.id).execute(),
    );
    await changed;
    await expect(send(notified.port)).rejects.toMatchObject({ responseCode: 550 });
    // Without the notification the cached answer stands until it expires: the lookup was not repeated.
    expect((await send(unnotified.port)).accepted).toEqual([mailbox.address]);
  });

  it('trusts a cached recipient for its time to live only', async () => {
    let now = 0;
    const directory = recipientDirectory(db, { ttlMs: 10_000, clock: () => now });
    const ws = await buildWorkspace(db);
    const mailbox = await createMailbox(t, ws);
    const [local, domain] = mailbox.address.split('@');
    expect(await directory.find(mailbox.address)).toMatchObject({ mailboxId: mailbox.id, token: null });
    await asSystem(db, (tx) => tx.deleteFrom('mailboxes').where('id', '=', mailbox.id).execute());
    // The sub-address shares its base address's answer, with its own token.
    expect(await directory.find(`${local}+tok@${domain}`)).toMatchObject({
      mailboxId: mailbox.id,
      token: 'tok',
    });
    now += 10_001;
    expect(await directory.find(mailbox.address)).toBeNull();
  });

  it('enforces the size limit (552) and stores nothing then', async () => {
    const listener = await listen(64 * 1024);
    const ws = await buildWorkspace(db);
    const mailbox = await createMailbox(t, ws);
    const messageId = `<big-${unique()}@example.com>`;
    const big = client(listener.port).sendMail({
      from: 'x@example.com',
      to: mailbox.address,
      text: 'x'.repeat(200 * 1024),
      messageId,
    });
    await expect(big).rejects.toMatchObject({ responseCode: 552 });
    expect(await stored(messageId)).toHaveLength(0);
  });

  it('takes a 20 MB attachment through to the attachment store', async () => {
    const listener = await listen();
    const ws = await buildWorkspace(db);
    const mailbox = await createMailbox(t, ws);
    const messageId = `<20mb-${unique()}@example.com>`;
    const content = Buffer.alloc(20 * MB, 7);
    await client(listener.port).sendMail({
      from: 'x@example.com',
      to: mailbox.address,
      subject: 'Big scan',
      text: 'see attached',
      messageId,
      attachments: [{ filename: 'scan.bin', content }],
    });
    const [row] = await stored(messageId);
    expect(await processInboundEmail(processDeps(t), ws.id, row?.id ?? 0)).toBe('processed');
    const attachments = await inWorkspace(db, ws.id, (tx) =>
      tx.selectFrom('ticket_attachments').selectAll().execute(),
    );
    expect(attachments).toMatchObject([{ filename: 'scan.bin', file_size: 20 * MB }]);
  }, 120_000);

  it('speaks ESMTP with 8BITMIME, SMTPUTF8 and SIZE to swaks, and takes 8-bit UTF-8 mail', async () => {
    const listener = await listen();
    const ws = await buildWorkspace(db);
    const mailbox = await createMailbox(t, ws);
    const { stdout } = await run('swaks', [
      '--server',
      `127.0.0.1:${listener.port}`,
      '--to',
      mailbox.address,
      '--from',
      'zoë@example.com',
      '--header',
      'Subject: Grüße',
      '--header',
      'Content-Type: text/plain; charset=utf-8',
      '--header',
      'Content-Transfer-Encoding: 8bit',
      '--body',
      'Straße ünd Blümchen',
    ]);
    expect(stdout).toMatch(/250[- ]8BITMIME/);
    expect(stdout).toMatch(/250[- ]SMTPUTF8/);
    expect(stdout).toMatch(/250[- ]SIZE \d+/);
    expect(stdout).toMatch(/<- {2}250 2\.0\.0 stored/);
    const row = await asSystem(db, (tx) =>
      tx.selectFrom('inbound_emails').selectAll().where('mailbox_id', '=', mailbox.id).executeTakeFirst(),
    );
    expect(await processInboundEmail(processDeps(t), ws.id, row?.id ?? 0)).toBe('processed');
    const ticket = await inWorkspace(db, ws.id, (tx) =>
      tx.selectFrom('support_tickets').selectAll().executeTakeFirstOrThrow(),
    );
    expect(ticket).toMatchObject({ description: 'Straße ünd Blümchen', source_email: 'zoë@example.com' });

    const refused = await run('swaks', [
      '--server',
      `127.0.0.1:${listener.port}`,
      '--to',
      'nobody@elsewhere.test',
    ]).catch((err: { stdout: string }) => err);
    expect(refused.stdout).toMatch(/550 5\.1\.1 <nobody@elsewhere.test>/);
  });
});
