import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { testDatabase } from '../../test/db.js';
import { buildWorkspace } from '../../test/factories.js';
import { createPgBossQueue } from '../jobs/pg-boss-queue.js';
import { createLogger } from '../logger.js';
import { queueEmail } from './queue-email.js';
import { MAIL_SEND_MAX_ATTEMPTS, sendEmailJob } from './send-email-job.js';
import { createMailTransport, type MailTransport } from './transport.js';

interface Received {
  to: string[];
  raw: Buffer;
}

const received: Received[] = [];
let connections = 0;
// Recipients starting with "reject" get a permanent 550, "busy" a transient 451.
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onConnect(_session, callback) {
    connections += 1;
    callback();
  },
  onRcptTo(address, _session, callback) {
    const code = address.address.startsWith('reject') ? 550 : address.address.startsWith('busy') ? 451 : 0;
    if (code === 0) return callback();
    callback(
      Object.assign(new Error(code === 550 ? 'No such user here' : 'Try again later'), {
        responseCode: code,
      }),
    );
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
      callback();
    });
  },
});
const log = createLogger('silent');
let transport: MailTransport;
let smtpConfig: ReturnType<typeof loadConfig>;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  smtpConfig = loadConfig({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    MAIL_FROM: 'help@example.test',
    LOG_LEVEL: 'silent',
  });
  transport = createMailTransport(smtpConfig, log);
});

afterAll(async () => {
  await transport.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function queued(to: string) {
  const db = await testDatabase();
  const workspace = await buildWorkspace(db);
  const jobs = createPgBossQueue(db.raw, { pollSeconds: 1, supervise: false });
  const mail = await inWorkspace(db, workspace.id, (tx) =>
    queueEmail(tx, jobs, { workspaceId: workspace.id, to, subject: `For ${to}`, text: 'Hello' }),
  );
  const job = sendEmailJob({ db, transport, log });
  const payload = { workspaceId: workspace.id, outboundEmailId: mail.id };
  const row = () =>
    asSystem(db, (tx) =>
      tx.selectFrom('outbound_emails').selectAll().where('id', '=', mail.id).executeTakeFirstOrThrow(),
    );
  return { db, job, payload, mail, row };
}

describe('mail.send over SMTP', () => {
  it('delivers the message to the server once, however often the job runs', async () => {
    const { job, payload, mail, row } = await queued('customer@example.test');
    await job.handler(payload);
    await job.handler(payload);

    const got = received.filter((r) => r.to.includes('customer@example.test'));
    expect(got.length).toBe(1);
    const parsed = await simpleParser(got[0]?.raw ?? Buffer.alloc(0));
    expect(parsed.messageId).toBe(mail.messageId);
    expect(parsed.subject).toBe('For customer@example.test');
    expect(parsed.from?.value[0]?.address).toBe('help@example.test');
    expect(await row()).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('marks a permanently rejected message failed and does not retry it', async () => {
    const { job, payload, row } = await queued('reject-me@example.test');
    await job.handler(payload); // resolves: pg-boss must not retry
    const r = await row();
    expect(r).toMatchObject({ status: 'failed', attempts: 1 });
    expect(r.last_error).toContain('550');
    await job.handler(payload);
    expect((await row()).attempts).toBe(1);
  });

  it('puts a temporarily rejected message back and throws so that pg-boss retries it', async () => {
    const { job, payload, row } = await queued('busy@example.test');
    await expect(job.handler(payload)).rejects.toThrow();
    const r = await row();
    expect(r).toMatchObject({ status: 'pending', attempts: 1 });
    expect(r.last_error).toContain('451');
  });

  it('gives up on a temporary failure after the last attempt', async () => {
    const { db, job, payload, row } = await queued('busy-again@example.test');
    await asSystem(db, (tx) =>
      tx
        .updateTable('outbound_emails')
        .set({ attempts: MAIL_SEND_MAX_ATTEMPTS - 1 })
        .where('id', '=', payload.outboundEmailId)
        .execute(),
    );
    await job.handler(payload);
    expect(await row()).toMatchObject({ status: 'failed', attempts: MAIL_SEND_MAX_ATTEMPTS });
  });

  it('sends a batch of jobs of two workspaces side by side: each row once, each outcome recorded', async () => {
    const db = await testDatabase();
    const [a, b] = [await buildWorkspace(db), await buildWorkspace(db)];
    const jobs = createPgBossQueue(db.raw, { pollSeconds: 1, supervise: false });
    const tag = Math.random().toString(36).slice(2, 8);
    const put = (ws: typeof a, to: string) =>
      inWorkspace(db, ws.id, async (tx) => ({
        workspaceId: ws.id,
        outboundEmailId: (await queueEmail(tx, jobs, { workspaceId: ws.id, to, subject: to, text: 'Hi' })).id,
      }));
    const payloads = [
      await put(a, `one-${tag}@example.test`),
      await put(a, `busy-${tag}@example.test`),
      await put(b, `two-${tag}@example.test`),
      await put(b, `reject-${tag}@example.test`),
      await put(a, `three-${tag}@example.test`),
    ];
    // A job of workspace a that names b's row claims nothing (row-level security).
    const strayPayload = { workspaceId: a.id, outboundEmailId: payloads[2]!.outboundEmailId };
    const job = sendEmailJob({ db, transport, log });
    expect(job.batchSize).toBeGreaterThan(1);
    // A transient failure makes the batch throw (pg-boss retries its jobs) once the rest is recorded.
    await expect(job.handleBatch!([...payloads, strayPayload, payloads[0]!])).rejects.toThrow();
    const status = async () =>
      (
        await asSystem(db, (tx) =>
          tx
            .selectFrom('outbound_emails')
            .select(['to_address', 'status', 'attempts'])
            .where(
              'id',
              'in',
              payloads.map((p) => p.outboundEmailId),
            )
            .orderBy('id')
            .execute(),
        )
      ).map((r) => `${r.to_address.split('-')[0]} ${r.status} ${r.attempts}`);
    expect(await status()).toEqual([
      'one sent 1',
      'busy pending 1',
      'two sent 1',
      'reject failed 1',
      'three sent 1',
    ]);
    // The retry of the whole batch sends only the pending row again, and nothing twice.
    await expect(job.handleBatch!(payloads)).rejects.toThrow();
    expect(await status()).toEqual([
      'one sent 1',
      'busy pending 2',
      'two sent 1',
      'reject failed 1',
      'three sent 1',
    ]);
    for (const who of ['one', 'two', 'three'])
      expect(received.filter((r) => r.to.includes(`${who}-${tag}@example.test`)).length).toBe(1);
    // The desk hears of each outcome of a ticket's mail; these have no ticket, so nothing is announced.
    const events = await db.raw.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM domain_events WHERE workspace_id IN ($1, $2) AND type = 'email.status_changed'`,
      [a.id, b.id],
    );
    expect(events.rows[0]?.n).toBe(0);
  });

  it('reuses one pooled connection for consecutive messages', async () => {
    const pooled = createMailTransport(smtpConfig, log);
    const before = connections;
    try {
      for (const n of [1, 2, 3]) {
        await pooled.send({
          id: n,
          to_address: `pool-${n}@example.test`,
          subject: 'pooled',
          text_body: 'x',
          html_body: null,
          headers: {},
          message_id: `<pool-${n}@example.test>`,
          created_at: new Date(),
        });
      }
    } finally {
      await pooled.close();
    }
    expect(connections - before).toBe(1);
  });
});
