/** The one place an outbound_emails row becomes a message, so SMTP mail and outbox files are identical. */
import type { SendMailOptions } from 'nodemailer';
import type { OutboundEmail } from '../../db/schema.js';

/** A file of the mail, read from the attachment store by the send job. */
export interface MailFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** The fields of an outbound_emails row a transport needs (the 0023 ones optional for older callers). */
export type MailToSend = Pick<
  OutboundEmail,
  'id' | 'to_address' | 'subject' | 'text_body' | 'html_body' | 'headers' | 'message_id' | 'created_at'
> &
  Partial<Pick<OutboundEmail, 'from_address' | 'cc_addresses'>> & { files?: readonly MailFile[] };

/**
 * The nodemailer message for a row, sent from the row's own From (its mailbox) or else `from`, with the
 * row's Message-ID, extra headers (Reply-To, In-Reply-To, References, Auto-Submitted, X-Loop…) and files.
 */
export function mailOptions(mail: MailToSend, from: string): SendMailOptions {
  const cc = mail.cc_addresses ?? [];
  return {
    from: mail.from_address ?? from,
    to: mail.to_address,
    ...(cc.length > 0 ? { cc: [...cc] } : {}),
    subject: mail.subject,
    text: mail.text_body,
    ...(mail.html_body !== null ? { html: mail.html_body } : {}),
    messageId: mail.message_id,
    date: mail.created_at,
    headers: stringHeaders(mail.headers),
    ...(mail.files && mail.files.length > 0
      ? {
          attachments: mail.files.map((f) => ({
            filename: f.filename,
            contentType: f.contentType,
            content: f.content,
          })),
        }
      : {}),
    // The content comes from the database; never let it make nodemailer read files or fetch URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

function stringHeaders(headers: MailToSend['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') out[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[name] = String(value);
  }
  return out;
}
