/**
 * Inbound mail tests' start: a workspace with a mailbox, mails composed by nodemailer (or read from the
 * corpus in test/fixtures/mail), stored as the listener stores them and processed as the job does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { InboundEmail, Mailbox, Workspace } from '../../../db/schema.js';
import { asSystem, inWorkspace } from '../../../db/tenant.js';
import type { TestApp } from '../../../test/app.js';
import { buildWorkspace, unique } from '../../../test/factories.js';
import { ticketHooks } from '../../../ticket-hooks.js';
import { processInboundEmail, type ProcessDeps } from './process-inbound.js';
import { findRecipientMailbox } from './recipients.js';
import { storeInboundMail } from './store-inbound.js';

const CORPUS = path.resolve(import.meta.dirname, '../../../../test/fixtures/mail');
const composer = nodemailer.createTransport({ streamTransport: true, buffer: true });

/** The raw bytes nodemailer makes of `mail`. */
export async function compose(mail: Mail.Options): Promise<Buffer> {
  const info = await composer.sendMail(mail);
  return info.message as Buffer;
}

/** A corpus mail with its {{PLACEHOLDERS}} filled in. */
export function fixture(name: string, vars: Record<string, string>): Buffer {
  let text = readFileSync(path.join(CORPUS, name)).toString('latin1');
  for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{{${k}}}`, v);
  return Buffer.from(text, 'latin1');
}

export async function createMailbox(
  t: TestApp,
  ws: Workspace,
  local = `support-${unique()}`,
): Promise<Mailbox> {
  return asSystem(t.db, (tx) =>
    tx
      .insertInto('mailboxes')
      .values({ workspace_id: ws.id, address: `${local}@inbound.test` })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

export function processDeps(t: TestApp): ProcessDeps {
  return { db: t.db, storage: t.deps.storage, now: t.deps.now, hooks: ticketHooks(), limits: t.deps.config };
}

export async function inboundKit(t: TestApp) {
  const ws = await buildWorkspace(t.db);
  const mailbox = await createMailbox(t, ws);
  const deps = processDeps(t);

  /** Stores the raw mail for the recipients (default: the mailbox) and processes it. */
  async function deliver(raw: Buffer, recipients: string[] = [mailbox.address]): Promise<InboundEmail[]> {
    const resolved = [];
    for (const r of recipients) {
      const m = await findRecipientMailbox(t.db, r);
      if (m) resolved.push({ ...m, recipient: r });
    }
    const ids = await storeInboundMail(
      { db: t.db, jobs: t.deps.jobs },
      { raw, recipients: resolved, source: 'smtp' },
    );
    for (const id of ids) await processInboundEmail(deps, ws.id, id);
    return inWorkspace(t.db, ws.id, (tx) =>
      ids.length === 0
        ? Promise.resolve([])
        : tx.selectFrom('inbound_emails').selectAll().where('id', 'in', ids).execute(),
    );
  }

  /** Composes and delivers one mail; returns its stored row. */
  async function send(mail: Mail.Options, recipients?: string[]): Promise<InboundEmail> {
    const [row] = await deliver(await compose({ to: mailbox.address, ...mail }), recipients);
    if (!row) throw new Error('the mail was not stored');
    return row;
  }

  const tickets = () =>
    inWorkspace(t.db, ws.id, (tx) =>
      tx.selectFrom('support_tickets').selectAll().where('workspace_id', '=', ws.id).orderBy('id').execute(),
    );
  const messages = (ticketId: number) =>
    inWorkspace(t.db, ws.id, (tx) =>
      tx
        .selectFrom('support_ticket_messages')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('id')
        .execute(),
    );
  return { ws, mailbox, deps, deliver, send, tickets, messages };
}
