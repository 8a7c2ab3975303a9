/**
 * The transport of one outbound mail: its mailbox's own SMTP server when the mailbox has one
 * (mailboxes.smtp_url_enc), else the installation's transport. One pooled connection per mailbox URL,
 * closed with close().
 */
import { createTransport } from 'nodemailer';
import type { Database } from '../../../db/client.js';
import type { OutboundEmail } from '../../../db/schema.js';
import { inWorkspace } from '../../../db/tenant.js';
import { mailOptions } from '../../../platform/mail/compose.js';
import type { MailTransport } from '../../../platform/mail/transport.js';

export interface MailboxTransports {
  transportFor(mail: OutboundEmail): Promise<MailTransport>;
  /** The transports of several mails of one workspace, in order, with one read of their mailboxes. */
  transportsFor(mails: readonly OutboundEmail[]): Promise<MailTransport[]>;
  close(): Promise<void>;
}

export function mailboxTransports(options: {
  db: Database;
  fallback: MailTransport;
  mailFrom: string;
  /** The SMTP URL of a mailbox from its encrypted column (the mailboxes' secret box), or null. */
  decrypt: (encrypted: string) => string | null;
}): MailboxTransports {
  const decrypt = options.decrypt;
  const pools = new Map<string, MailTransport>();
  const smtp = (url: string): MailTransport => {
    let pool = pools.get(url);
    if (!pool) {
      const t = createTransport({ url, pool: true });
      pool = {
        async send(mail) {
          await t.sendMail(mailOptions(mail, options.mailFrom));
        },
        close() {
          t.close();
          return Promise.resolve();
        },
      };
      pools.set(url, pool);
    }
    return pool;
  };
  const transportsFor = async (mails: readonly OutboundEmail[]): Promise<MailTransport[]> => {
    const boxed = mails.filter((m) => m.mailbox_id !== null);
    const first = boxed[0];
    if (!first) return mails.map(() => options.fallback);
    const workspaceId = first.workspace_id;
    if (boxed.some((m) => m.workspace_id !== workspaceId)) throw new Error('mails of several workspaces');
    const boxes = await inWorkspace(options.db, workspaceId, (tx) =>
      tx
        .selectFrom('mailboxes')
        .select(['id', 'smtp_url_enc'])
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', [...new Set(boxed.map((m) => m.mailbox_id as number))])
        .execute(),
    );
    const urls = new Map(boxes.map((b) => [b.id, b.smtp_url_enc ? decrypt(b.smtp_url_enc) : null]));
    return mails.map((m) => {
      const url = m.mailbox_id === null ? null : urls.get(m.mailbox_id);
      return url ? smtp(url) : options.fallback;
    });
  };
  return {
    async transportFor(mail) {
      const [transport] = await transportsFor([mail]);
      return transport ?? options.fallback;
    },
    transportsFor,
    async close() {
      await Promise.all([...pools.values()].map((p) => p.close()));
      pools.clear();
    },
  };
}
