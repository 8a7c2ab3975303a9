/**
 * The inbound SMTP listener (smtp-server), run by worker processes when SMTP_LISTENER is on. It takes
 * mail only for active mailboxes that accept SMTP and their reply sub-addresses (550 at RCPT for anything
 * else, so a relay attempt or a typo is refused before any data; the answers are cached per process until
 * a mailbox changes, recipients.ts), enforces SIZE (552), offers 8BITMIME
 * and SMTPUTF8, and answers 250 only after the raw mail and its processing job are committed: a mail we
 * acknowledged survives a crash of this process. Mails of concurrent sessions share a commit (group
 * commit, store-inbound.ts). Processing is the `email.process` job's.
 */
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import type { Database } from '../../../db/client.js';
import type { JobQueue } from '../../../platform/jobs/queue.js';
import type { Logger } from '../../../platform/logger.js';
import { recipientDirectory, type RecipientMailbox } from './recipients.js';
import { groupedInboundStore } from './store-inbound.js';

export interface ListenerOptions {
  db: Database;
  jobs: JobQueue;
  log: Logger;
  port: number;
  host: string;
  maxBytes: number;
  /** The name in the greeting and the Received trace. */
  hostname?: string;
  /**
   * Subscribes to committed mailbox changes (ProcessNotifications.onMailboxes): the recipients known to
   * this process are then looked up again. Without it they are cached for `recipientCacheMs` only.
   */
  onMailboxChange?: (fn: () => void) => void;
  /** How long a recipient lookup is trusted at most (default 10 s; 0: not cached). */
  recipientCacheMs?: number;
}

export interface RunningListener {
  port: number;
  close(): Promise<void>;
}

function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/** Starts listening; resolves once the port is bound. */
export async function startSmtpListener(options: ListenerOptions): Promise<RunningListener> {
  const accepted = new Map<string, (RecipientMailbox & { recipient: string })[]>();
  const of = (session: SMTPServerSession) => accepted.get(session.id) ?? [];
  const store = groupedInboundStore(options);
  const recipients = recipientDirectory(options.db, { ttlMs: options.recipientCacheMs ?? 10_000 });
  options.onMailboxChange?.(() => recipients.forget());
  const server = new SMTPServer({
    name: options.hostname ?? 'bfg2-support',
    banner: 'bfg2-support inbound mail',
    size: options.maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideDSN: true,
    logger: false,
    onMailFrom(_address, session, callback) {
      accepted.set(session.id, []);
      callback();
    },
    onRcptTo(address, session, callback) {
      recipients.find(address.address).then(
        (mailbox) => {
          if (!mailbox) return callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
          accepted.set(session.id, [...of(session), { ...mailbox, recipient: address.address }]);
          callback();
        },
        (err: unknown) => {
          options.log.error({ err }, 'SMTP recipient lookup failed');
          callback(smtpError(451, '4.3.0 temporary failure; try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        // Past the limit the bytes are not kept; the answer below is 552.
        if (!(stream as { sizeExceeded?: boolean }).sizeExceeded) chunks.push(chunk);
      });
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        const to = of(session);
        accepted.delete(session.id);
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(
            smtpError(552, `5.3.4 message exceeds the size limit of ${options.maxBytes} bytes`),
          );
        }
        store({ raw: Buffer.concat(chunks), recipients: to, source: 'smtp' }).then(
          () => callback(null, '2.0.0 stored'),
          (err: unknown) => {
            options.log.error({ err }, 'inbound mail not stored');
            callback(smtpError(451, '4.3.0 not stored; try again later'));
          },
        );
      });
    },
    onClose(session) {
      accepted.delete(session.id);
    },
  });
  server.on('error', (err) => options.log.error({ err }, 'SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  options.log.info({ port }, 'SMTP listener ready');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
