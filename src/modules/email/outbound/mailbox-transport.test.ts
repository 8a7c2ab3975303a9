/**
 * A mailbox with its own SMTP server sends its mail through it; the others, and mail of no mailbox, go
 * through the installation's transport. A batch of mail.send jobs reads the mailboxes once.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inWorkspace } from '../../../db/tenant.js';
import { createPgBossQueue } from '../../../platform/jobs/pg-boss-queue.js';
import { createLogger } from '../../../platform/logger.js';
import { queueEmail } from '../../../platform/mail/queue-email.js';
import { sendEmailJob } from '../../../platform/mail/send-email-job.js';
import type { MailTransport } from '../../../platform/mail/transport.js';
import { testDatabase } from '../../../test/db.js';
import { buildWorkspace, unique } from '../../../test/factories.js';
import { startSmtpSink, type SmtpSink } from '../../../test/smtp-sink.js';
import { secretBox } from '../mailboxes/secret-box.js';
import { mailboxTransports } from './mailbox-transport.js';

const log = createLogger('silent');
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

describe('mailbox transports', () => {
  it('sends each mail of a batch through its mailbox’s own SMTP, else the installation’s', async () => {
    const db = await testDatabase();
    const ws = await buildWorkspace(db);
    const jobs = createPgBossQueue(db.raw, { pollSeconds: 1, supervise: false });
    const secrets = secretBox(randomBytes(32));
    const [withSmtp, without] = await inWorkspace(db, ws.id, (tx) =>
      tx
        .insertInto('mailboxes')
        .values([
          { workspace_id: ws.id, address: `own-${unique()}@shop.test`, smtp_url_enc: secrets.seal(sink.url) },
          { workspace_id: ws.id, address: `plain-${unique()}@shop.test` },
        ])
        .returning('id')
        .execute(),
    );
    const installed: string[] = [];
    const fallback: MailTransport = {
      send(mail) {
        installed.push(mail.to_address);
        return Promise.resolve();
      },
      close: () => Promise.resolve(),
    };
    const transports = mailboxTransports({
      db,
      fallback,
      mailFrom: 'install@example.test',
      decrypt: (sealed) => secrets.open(sealed),
    });
    const tag = unique();
    const payloads = await inWorkspace(db, ws.id, async (tx) => {
      const out = [];
      for (const [to, mailboxId] of [
        [`a-${tag}@example.test`, withSmtp!.id],
        [`b-${tag}@example.test`, without!.id],
        [`c-${tag}@example.test`, undefined],
        [`d-${tag}@example.test`, withSmtp!.id],
      ] as const) {
        const queued = await queueEmail(tx, jobs, {
          workspaceId: ws.id,
          to,
          subject: 'Hello',
          text: 'Hello',
          ...(mailboxId ? { mailboxId } : {}),
        });
        out.push({ workspaceId: ws.id, outboundEmailId: queued.id });
      }
      return out;
    });
    const job = sendEmailJob({
      db,
      transport: fallback,
      log,
      transportsFor: (mails) => transports.transportsFor(mails),
    });
    await job.handleBatch!(payloads);
    await transports.close();
    expect(
      sink.mails
        .flatMap((m) => m.to)
        .filter((a) => a.endsWith(`${tag}@example.test`))
        .sort(),
    ).toEqual([`a-${tag}@example.test`, `d-${tag}@example.test`]);
    expect(installed.sort()).toEqual([`b-${tag}@example.test`, `c-${tag}@example.test`]);
  });
});
