import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { testDatabase } from '../../test/db.js';
import { buildWorkspace } from '../../test/factories.js';
import { createPgBossQueue } from '../jobs/pg-boss-queue.js';
import { createLogger } from '../logger.js';
import { queueEmail } from './queue-email.js';
import { sendEmailJob } from './send-email-job.js';
import { createMailTransport } from './transport.js';

const log = createLogger('silent');
const dataDir = mkdtempSync(path.join(tmpdir(), 'bfg2-mail-'));
const outbox = path.join(dataDir, 'outbox');
const transport = createMailTransport(
  { smtpUrl: null, mailFrom: 'Support <support@example.test>', dataDir },
  log,
);

afterAll(async () => {
  await transport.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function setup() {
  const db = await testDatabase();
  const workspace = await buildWorkspace(db);
  const jobs = createPgBossQueue(db.raw, { pollSeconds: 1, supervise: false });
  return { db, workspace, jobs, job: sendEmailJob({ db, transport, log }) };
}

async function jobsFor(db: Database, outboundEmailId: number): Promise<number> {
  const r = await db.raw.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'mail.send' AND data->>'outboundEmailId' = $1`,
    [String(outboundEmailId)],
  );
  return r.rows[0]?.n ?? -1;
}

function outboxFiles(): string[] {
  try {
    return readdirSync(outbox).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
}

describe('queueEmail', () => {
  it('writes the row and its job in the caller transaction, and nothing when it rolls back', async () => {
    const { db, workspace, jobs } = await setup();
    const email = { workspaceId: workspace.id, to: 'someone@example.test', subject: 'Hi', text: 'Hello' };

    let rolledBack = 0;
    await expect(
      inWorkspace(db, workspace.id, async (tx) => {
        rolledBack = (await queueEmail(tx, jobs, email)).id;
        throw new Error('use case failed');
      }),
    ).rejects.toThrow('use case failed');
    expect(rolledBack).toBeGreaterThan(0);
    const rows = await asSystem(db, (tx) =>
      tx.selectFrom('outbound_emails').select('id').where('id', '=', rolledBack).execute(),
    );
    expect(rows).toEqual([]);
    expect(await jobsFor(db, rolledBack)).toBe(0);

    const committed = await inWorkspace(db, workspace.id, (tx) => queueEmail(tx, jobs, email));
    expect(await jobsFor(db, committed.id)).toBe(1);
  });
});

describe('mail.send without SMTP', () => {
  it('writes exactly one .eml file per message, once, however often the job runs', async () => {
    const { db, workspace, jobs, job } = await setup();
    const before = outboxFiles().length;
    const queued = await inWorkspace(db, workspace.id, (tx) =>
      queueEmail(tx, jobs, {
        workspaceId: workspace.id,
        to: 'Customer <customer@example.test>',
        subject: 'Your ticket T-1 was answered',
        text: 'Hello,\n\nwe replied.\n',
        html: '<p>Hello, we replied.</p>',
        headers: { 'Auto-Submitted': 'auto-replied', 'In-Reply-To': '<original@example.test>' },
      }),
    );

    await job.handler({ workspaceId: workspace.id, outboundEmailId: queued.id });
    await job.handler({ workspaceId: workspace.id, outboundEmailId: queued.id });

    const files = outboxFiles();
    expect(files.length).toBe(before + 1);
    const file = files.find((f) => f.endsWith(`-${queued.id}.eml`));
    expect(file).toMatch(/^\d{8}T\d{9}Z-\d+\.eml$/);
    expect(readdirSync(outbox).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const raw = readFileSync(path.join(outbox, file ?? ''));
    expect(raw.includes('\r\n')).toBe(true);
    const parsed = await simpleParser(raw);
    expect((parsed.to as AddressObject).value[0]?.address).toBe('customer@example.test');
    expect(parsed.from?.value[0]?.address).toBe('support@example.test');
    expect(parsed.subject).toBe('Your ticket T-1 was answered');
    expect(parsed.messageId).toBe(queued.messageId);
    expect(parsed.inReplyTo).toBe('<original@example.test>');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(parsed.text).toContain('we replied.');
    expect(parsed.html).toContain('<p>Hello, we replied.</p>');

    const row = await inWorkspace(db, workspace.id, (tx) =>
      tx.selectFrom('outbound_emails').selectAll().where('id', '=', queued.id).executeTakeFirstOrThrow(),
    );
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: '' });
    expect(row.sent_at).toBeInstanceOf(Date);
  });

  it('does nothing for a row of another workspace', async () => {
    const { db, workspace, jobs, job } = await setup();
    const other = await buildWorkspace(db);
    const queued = await inWorkspace(db, workspace.id, (tx) =>
      queueEmail(tx, jobs, { workspaceId: workspace.id, to: 'a@example.test', subject: 's', text: 't' }),
    );
    const before = outboxFiles().length;
    await job.handler({ workspaceId: other.id, outboundEmailId: queued.id });
    expect(outboxFiles().length).toBe(before);
    const row = await inWorkspace(db, workspace.id, (tx) =>
      tx.selectFrom('outbound_emails').select('status').where('id', '=', queued.id).executeTakeFirstOrThrow(),
    );
    expect(row.status).toBe('pending');
  });
});
