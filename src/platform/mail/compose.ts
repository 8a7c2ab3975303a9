/** The one place an outbound_emails row becomes a message, so SMTP mail and outbox files are identical. */
import type { SendMailOptions } from 'nodemailer';
import type { OutboundEmail } from '../../db/schema.js';

/** The fields of an outbound_emails row a transport needs. */
export type MailToSend = Pick<
  OutboundEmail,
  'id' | 'to_address' | 'subject' | 'text_body' | 'html_body' | 'headers' | 'message_id' | 'created_at'
>;

/** The nodemailer message for a row, sent from `from` with the row's Message-ID and extra headers. */
export function mailOptions(mail: MailToSend, from: string): SendMailOptions {
  return {
    from,
    to: mail.to_address,
    subject: mail.subject,
    text: mail.text_body,
    ...(mail.html_body !== null ? { html: mail.html_body } : {}),
    messageId: mail.message_id,
    date: mail.created_at,
    headers: stringHeaders(mail.headers),
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
