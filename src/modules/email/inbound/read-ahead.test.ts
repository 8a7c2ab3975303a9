import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inWorkspace } from '../../../db/tenant.js';
import { testApp } from '../../../test/app.js';
import { unique } from '../../../test/factories.js';
import { configureMailReaders, readerThreadTasks, readStoredMail } from './mail-reader.js';
import { processInboundBatch } from './process-inbound.js';
import { findRecipientMailbox } from './recipients.js';
import { storeInboundMails } from './store-inbound.js';
import { compose, fixture, inboundKit } from './test-kit.js';

const t = await testApp();

describe('inbound mail read ahead on the reader threads', () => {
  // As the server configures a process that works the jobs: stored mail is read ahead at once.
  beforeAll(async () => {
    configureMailReaders(1);
    // Started, and its first task (a probe) done: the counts below are the test's own tasks.
    const raw = fixture('html-only.eml', { TO: 'x@y.test' });
    await readStoredMail({}, { id: -1 }, async () => new Map([[-1, raw]]));
  });
  afterAll(() => configureMailReaders(null));

  it('processes mail stored together from what was read ahead: read once, threaded, images linked', async () => {
    const k = await inboundKit(t);
    const mailbox = await findRecipientMailbox(t.db, k.mailbox.address);
    if (!mailbox) throw new Error('no mailbox');
    const opening = `<open-${unique()}@example.com>`;
    const raws = [
      await compose({
        to: k.mailbox.address,
        from: 'ina@example.com',
        subject: 'Dent',
        text: 'dented',
        messageId: opening,
      }),
      fixture('inline-image.eml', { TO: k.mailbox.address }),
      await compose({
        to: k.mailbox.address,
        from: 'ina@example.com',
        subject: 'Re: Dent',
        text: 'photo follows',
        messageId: `<re-${unique()}@example.com>`,
        inReplyTo: opening,
      }),
    ];
    const before = readerThreadTasks();
    // Stored as two groups (two commits of the listener): each is read ahead by a task of its own.
    const store = (group: Buffer[]) =>
      storeInboundMails(
        { db: t.db, jobs: t.deps.jobs },
        group.map((raw) => ({
          raw,
          recipients: [{ ...mailbox, recipient: k.mailbox.address }],
          source: 'smtp',
        })),
      );
    const ids = [...(await store(raws.slice(0, 2))), ...(await store(raws.slice(2)))];
    const failed = await processInboundBatch(
      k.deps,
      ids.flat().map((inboundEmailId) => ({ workspaceId: k.ws.id, inboundEmailId })),
    );
    expect(failed).toEqual([]);
    // The two tasks of the groups read the three mails; processing read none again (it would have read
    // the batch's three in one more task).
    expect(readerThreadTasks() - before).toBe(2);
    const tickets = await k.tickets();
    expect(tickets.map((x) => x.subject).sort()).toEqual(['Dent', 'Photo of the damage'].sort());
    const dent = tickets.find((x) => x.subject === 'Dent');
    expect((await k.messages(dent?.id ?? 0)).map((m) => m.message)).toContain('photo follows');
    const rows = await inWorkspace(t.db, k.ws.id, (tx) =>
      tx.selectFrom('inbound_emails').selectAll().where('id', 'in', ids.flat()).orderBy('id').execute(),
    );
    expect(rows.map((r) => r.status)).toEqual(['processed', 'processed', 'processed']);
    const image = rows[1];
    expect(image?.html_body).toMatch(/src="\/api\/support\/tickets\/\d+\/attachments\/\d+\/"/);
    expect(image?.html_body).not.toContain('cid:');
  });
});
