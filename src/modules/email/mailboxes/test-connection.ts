/**
 * The admins' "test connection": logs in to the mailbox's IMAP server (opening its folder) and verifies
 * its outbound SMTP, then records the outcome as the mailbox's state and last error.
 */
import nodemailer from 'nodemailer';
import type { Mailbox } from '../../../db/schema.js';
import { notFound } from '../../../platform/errors.js';
import { describeImapError, imapClientFor } from '../inbound/imap-client.js';
import * as repo from './repository.js';
import type { MailboxContext } from './save-mailbox.js';
import type { SecretBox } from './secret-box.js';

/** Checks what the mailbox connects to; '' when all is well, else what failed. */
export async function probeMailbox(mailbox: Mailbox, secrets: SecretBox): Promise<string> {
  const problems: string[] = [];
  if (mailbox.imap_host) {
    const client = imapClientFor(mailbox, secrets);
    try {
      await client.connect();
      await client.mailboxOpen(mailbox.imap_folder, { readOnly: true });
      await client.logout();
    } catch (err) {
      problems.push(`IMAP: ${describeImapError(err)}`);
      client.close();
    }
  }
  if (mailbox.smtp_url_enc) {
    const transport = nodemailer.createTransport(secrets.open(mailbox.smtp_url_enc));
    try {
      await transport.verify();
    } catch (err) {
      problems.push(`SMTP: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      transport.close();
    }
  }
  return problems.join('; ');
}

/** Tests the mailbox's connections and records the state; returns the updated row. */
export async function testMailboxConnection(
  ctx: Omit<MailboxContext, 'tx'> & {
    withTx: <T>(fn: (tx: MailboxContext['tx']) => Promise<T>) => Promise<T>;
  },
  id: number,
): Promise<Mailbox> {
  // Read, then probe outside any transaction (a slow server must not hold a connection of the pool).
  const mailbox = await ctx.withTx((tx) => repo.findMailbox(tx, ctx.workspaceId, id));
  if (!mailbox) throw notFound('mailbox');
  const error = await probeMailbox(mailbox, ctx.secrets);
  return ctx.withTx(async (tx) => {
    await repo.recordMailboxState(tx, ctx.workspaceId, id, { ok: error === '', error, at: ctx.now });
    const row = await repo.findMailbox(tx, ctx.workspaceId, id);
    if (!row) throw notFound('mailbox');
    return row;
  });
}
