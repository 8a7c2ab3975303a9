/**
 * An IMAP connection to a mailbox's server (imapflow), TLS with certificate checks on. Shared by the
 * poller and the admins' "test connection".
 */
import { ImapFlow } from 'imapflow';
import type { Mailbox } from '../../../db/schema.js';
import type { SecretBox } from '../mailboxes/secret-box.js';

export function imapClientFor(mailbox: Mailbox, secrets: SecretBox): ImapFlow {
  if (!mailbox.imap_host || !mailbox.imap_user || !mailbox.imap_password_enc) {
    throw new Error('IMAP is not configured for this mailbox');
  }
  return new ImapFlow({
    host: mailbox.imap_host,
    port: mailbox.imap_port ?? (mailbox.imap_tls ? 993 : 143),
    secure: mailbox.imap_tls,
    // Plain connections still upgrade with STARTTLS when the server offers it; certificates are checked.
    tls: { rejectUnauthorized: true },
    auth: { user: mailbox.imap_user, pass: secrets.open(mailbox.imap_password_enc) },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
}

/** The message of an imapflow error, with the server's answer when there is one. */
export function describeImapError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const extra = (err as { responseText?: string }).responseText;
  return (extra ? `${err.message}: ${extra}` : err.message).slice(0, 2000);
}
