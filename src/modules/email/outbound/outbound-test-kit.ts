/**
 * Shared set-up of the outbound mail tests: a local SMTP sink (port 0) that keeps what it receives, the
 * product's transport to it, and helpers to open tickets, hand events to the subscriber and send the
 * queued rows. A test file calls setUpOutboundMail() once at its top.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Workspace } from '../../../db/schema.js';
import { inWorkspace } from '../../../db/tenant.js';
import { createLogger } from '../../../platform/logger.js';
import { sendEmailJob } from '../../../platform/mail/send-email-job.js';
import { createMailTransport, type MailTransport } from '../../../platform/mail/transport.js';
import { testApp, type TestApp } from '../../../test/app.js';
import {
  buildAdmin,
  buildCustomer,
  buildToken,
  buildUser,
  buildWorkspace,
  customerSession,
  unique,
} from '../../../test/factories.js';
import { startSmtpSink, type SmtpSink } from '../../../test/smtp-sink.js';
import { storedEvents } from '../../../test/stored-events.js';
import { outboundMailSubscriber, type OutboundMailDeps } from './subscriber.js';

export const log = createLogger('silent');
export let sink: SmtpSink;
export let t: TestApp;
export let smtp: MailTransport;
export let deps: OutboundMailDeps;

export function setUpOutboundMail(): void {
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await testApp();
    smtp = createMailTransport(
      { smtpUrl: sink.url, mailFrom: 'Install <install@example.test>', dataDir: '' },
      log,
    );
    deps = {
      db: t.db,
      jobs: t.deps.jobs,
      publicUrl: 'https://help.example.test',
      mailFrom: 'Install <install@example.test>',
    };
  });

  afterAll(async () => {
    await smtp.close();
    await sink.close();
  });
}

export const sender = () => sendEmailJob({ db: t.db, transport: smtp, log, storage: t.deps.storage });

/** Hands the workspace's events after `after` to the subscriber (twice: it must be idempotent). */
export async function dispatch(ws: Workspace, after: number): Promise<void> {
  const sub = outboundMailSubscriber(deps);
  const events = await storedEvents(t.db, ws.id, { afterId: after });
  for (const e of [...events, ...events])
    if (sub.types === '*' || sub.types.includes(e.type as never)) await sub.handle(e);
}

export function outbox(ws: Workspace) {
  return inWorkspace(t.db, ws.id, (tx) =>
    tx.selectFrom('outbound_emails').selectAll().where('workspace_id', '=', ws.id).orderBy('id').execute(),
  );
}

/** Sends the given rows through mail.send to the sink; returns what the sink parsed, in order. */
export async function deliver(ws: Workspace, ids: number[]): Promise<ParsedMail[]> {
  const job = sender();
  const out: ParsedMail[] = [];
  for (const id of ids) {
    const before = sink.mails.length;
    await job.handler({ workspaceId: ws.id, outboundEmailId: id });
    expect(sink.mails.length).toBe(before + 1);
    out.push(await simpleParser(sink.mails[sink.mails.length - 1]!.raw));
  }
  return out;
}

export async function workspaceWithMailbox(overrides: { auto_acknowledge?: boolean } = {}) {
  const ws = await buildWorkspace(t.db);
  const address = `support-${unique()}@shop.example`;
  const mailbox = await inWorkspace(t.db, ws.id, (tx) =>
    tx
      .insertInto('mailboxes')
      .values({
        workspace_id: ws.id,
        address,
        display_name: 'Shop Support',
        signature: 'Your shop team',
        auto_acknowledge: overrides.auto_acknowledge ?? true,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  const admin = await buildAdmin(t.db, ws);
  const agent = await buildUser(t.db, ws, { name: 'Dana Agent' });
  const agentToken = await buildToken(t.db, ws, agent.id);
  return { ws, mailbox, admin, agentToken };
}

export async function openWebTicket(ws: Workspace, email = `c-${unique()}@example.test`) {
  const customer = await buildCustomer(t.db, ws, { email, name: 'Carla <Customer>' });
  const session = await customerSession(t.db, ws, customer.id);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/support/tickets/',
    headers: session,
    payload: { subject: 'Parcel is late', description: 'Where is my parcel?' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { customer, session, ticket: res.json<{ id: number; ticket_number: string }>() };
}

export const header = (m: ParsedMail, name: string) => {
  const v = m.headers.get(name);
  return typeof v === 'string' ? v : v === undefined ? undefined : JSON.stringify(v);
};
export const replyToAddress = (m: ParsedMail) => m.replyTo?.value[0]?.address ?? '';
