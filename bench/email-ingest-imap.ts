/** The IMAP figure of bench/email-ingest.ts. */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ImapFlow } from 'imapflow';
import type { Database } from '../src/db/client.js';
import { asSystem } from '../src/db/tenant.js';
import { pollMailbox, secretBox } from '../src/modules/email/index.js';
import { createPgBossQueue } from '../src/platform/jobs/pg-boss-queue.js';
import { createLogger } from '../src/platform/logger.js';
import { startDovecot } from '../src/test/dovecot.js';
import { buildWorkspace } from '../src/test/factories.js';
import { processedBy } from './email-ingest-db.js';

const log = createLogger('silent');
const secrets = secretBox(randomBytes(32));

/**
 * IMAP fetch → stored: the same mails (new Message-IDs) appended to a folder of a private Dovecot, polled
 * once by pollMailbox into a workspace of their own; the product process's workers process them, which is
 * waited for so that the next scenario's figures do not include them.
 */
export async function imapRun(db: Database, raws: Buffer[], ids: string[]): Promise<string> {
  const dovecot = await startDovecot();
  const folder = `B${randomBytes(3).toString('hex')}`;
  const c = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
  await c.connect();
  await c.mailboxCreate(folder);
  const imapWs = await buildWorkspace(db);
  for (const [i, raw] of raws.entries()) {
    const id = `<imap${i}-${folder}@bench.test>`;
    await c.append(folder, raw.toString('latin1').replace(ids[i] as string, id));
  }
  await c.logout();
  const m = await asSystem(db, (tx) =>
    tx
      .insertInto('mailboxes')
      .values({
        workspace_id: imapWs.id,
        address: `imap-${folder.toLowerCase()}@bench.test`,
        imap_host: '127.0.0.1',
        imap_port: dovecot.port,
        imap_tls: false,
        imap_user: dovecot.user,
        imap_password_enc: secrets.seal(dovecot.password),
        imap_folder: folder,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  const jobs = createPgBossQueue(db.raw, { pollSeconds: 60, supervise: false });
  const t = performance.now();
  const res = await pollMailbox({ db, jobs, secrets, now: () => new Date(), log }, imapWs.id, m.id);
  const fetched = (performance.now() - t) / 1000;
  // The product process's workers process them (enqueued by the poll); waited for, so that the next
  // scenario's figures do not include them.
  const processed = (await processedBy(db, imapWs.id, res.stored)) - t;
  await dovecot.stop();
  return (
    `${(res.stored / fetched).toFixed(0)} mails/s stored, ` +
    `${(res.stored / (processed / 1000)).toFixed(0)} mails/s processed (${res.stored} mails)`
  );
}
