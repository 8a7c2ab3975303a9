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
  return {
    async transportFor(mail) {
      if (mail.mailbox_id === null) return options.fallback;
      const box = await inWorkspace(options.db, mail.workspace_id, (tx) =>
        tx
          .selectFrom('mailboxes')
          .select('smtp_url_enc')
          .where('workspace_id', '=', mail.workspace_id)
          .where('id', '=', mail.mailbox_id)
          .executeTakeFirst(),
      );
      const url = box?.smtp_url_enc ? decrypt(box.smtp_url_enc) : null;
      return url ? smtp(url) : options.fallback;
    },
    async close() {
      await Promise.all([...pools.values()].map((p) => p.close()));
      pools.clear();
    },
  };
}
