/**
 * Issue 14, point 9: kill -9 the listener during a 1,000-mail SMTP send; after a restart (and the sender
 * retrying what got no 250, as any MTA does) every mail that got 250 is a ticket exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import nodemailer from 'nodemailer';
import { describe, expect, inject, it } from 'vitest';
import { asSystem, inWorkspace } from '../../src/db/tenant.js';
import { processInboundEmail } from '../../src/modules/email/index.js';
import { testApp } from '../../src/test/app.js';
import { buildWorkspace, unique } from '../../src/test/factories.js';
import { createMailbox, processDeps } from '../../src/modules/email/inbound/test-kit.js';

const t = await testApp();
const MAILS = 1000;

function startListener(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/email/listener-process.ts', inject('databaseUrl')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`listener exited (${code})`)));
  });
}

async function sendAll(
  port: number,
  ids: string[],
  to: string,
  onAck: (id: string) => void,
  stopAfter?: () => void,
) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    pool: true,
    maxConnections: 8,
    maxMessages: Infinity,
  });
  const failed: string[] = [];
  await Promise.all(
    ids.map((id, i) =>
      transport
        .sendMail({ from: `c${i}@example.com`, to, subject: `mail ${id}`, text: `body ${id}`, messageId: id })
        .then(() => {
          onAck(id);
          stopAfter?.();
        })
        .catch(() => failed.push(id)),
    ),
  );
  transport.close();
  return failed;
}

describe('durability of acknowledged mail', () => {
  it('keeps every 250-acknowledged mail exactly once across a kill -9', async () => {
    const ws = await buildWorkspace(t.db);
    const mailbox = await createMailbox(t, ws);
    const ids = Array.from({ length: MAILS }, (_, i) => `<d${i}-${unique()}@example.com>`);
    const acked = new Set<string>();

    const first = await startListener();
    let killedAt = -1;
    const started = Date.now();
    const failed = await sendAll(
      first.port,
      ids,
      mailbox.address,
      (id) => acked.add(id),
      () => {
        if (killedAt < 0 && acked.size >= MAILS / 3) {
          killedAt = acked.size;
          first.child.kill('SIGKILL');
        }
      },
    );
    expect(killedAt).toBeGreaterThan(0);
    const ackedBeforeKill = acked.size;

    const second = await startListener();
    const stillFailed = await sendAll(second.port, failed, mailbox.address, (id) => acked.add(id));
    second.child.kill('SIGTERM');
    const elapsed = (Date.now() - started) / 1000;
    expect(stillFailed).toEqual([]);
    expect(acked.size).toBe(MAILS);

    const rows = await asSystem(t.db, (tx) =>
      tx
        .selectFrom('inbound_emails')
        .select(['id', 'message_id'])
        .where('workspace_id', '=', ws.id)
        .execute(),
    );
    // Every acknowledged mail was stored, once (a mail stored but not acknowledged before the kill was
    // resent and de-duplicated by its Message-ID).
    expect(rows.map((r) => r.message_id).sort()).toEqual([...acked].sort());
    for (const r of rows) await processInboundEmail(processDeps(t), ws.id, r.id);
    const tickets = await inWorkspace(t.db, ws.id, (tx) =>
      tx.selectFrom('support_tickets').select('subject').execute(),
    );
    expect(tickets).toHaveLength(MAILS);
    expect(new Set(tickets.map((x) => x.subject)).size).toBe(MAILS);
    console.info(
      `durability: ${MAILS} mails, killed after ${ackedBeforeKill} acks, ${failed.length} retried after restart, ` +
        `${rows.length} stored, ${tickets.length} tickets, send ${elapsed.toFixed(1)} s`,
    );
  }, 600_000);
});
