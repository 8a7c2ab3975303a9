/**
 * The mails bench/email-ingest.ts sends (`--shape`), half of them first mails and half replies (by
 * In-Reply-To) to them:
 * - `tiny` (the default): one line of text, about 300 bytes — the SMTP conversation and the writes dominate;
 * - `html`: what a mail client sends — text and HTML alternatives, a signature and a chain of six quoted
 *   earlier mails (Gmail's markup), about 7 KB;
 * - `attachment`: the same with a 60 KB photo attached, about 90 KB.
 * Bare parsing costs several times more per mail for the larger shapes, while SMTP's cost per mail stays.
 */
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';

export const SHAPES = ['tiny', 'html', 'attachment'] as const;
export type MailShape = (typeof SHAPES)[number];

export function mailShape(value: string | undefined): MailShape {
  const shape = value ?? 'tiny';
  if (!(SHAPES as readonly string[]).includes(shape)) {
    throw new Error(`--shape: one of ${SHAPES.join(', ')} (got ${shape})`);
  }
  return shape as MailShape;
}

/** A JPEG's markers around random bytes: detected as a JPEG by content, as a real photo would be. */
const photo = () =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
    randomBytes(60_000),
    Buffer.from([0xff, 0xd9]),
  ]);

const composer = nodemailer.createTransport({ streamTransport: true, buffer: true });

const paragraph = (i: number) =>
  `Hello team, about order #${10_000 + i}: the parcel arrived damaged and the box had been opened. ` +
  `Could you send a replacement or refund it? Thank you for your help; this is the third time it happened.`;

function quotedText(i: number): string {
  return Array.from({ length: 6 }, (_, k) =>
    [
      `On Mon, Dec ${k + 1}, 2026 at 10:0${k} AM Support <support@demo.test> wrote:`,
      ...paragraph(i + k)
        .split('. ')
        .map((line) => `> ${line}`),
    ].join('\n'),
  ).join('\n\n');
}

function quotedHtml(i: number): string {
  const quotes = Array.from(
    { length: 6 },
    (_, k) =>
      `<div class="gmail_attr">On Mon, Dec ${k + 1}, 2026 at 10:0${k} AM Support &lt;<a href="mailto:support@demo.test">support@demo.test</a>&gt; wrote:<br></div>` +
      `<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">` +
      `<div dir="ltr"><p style="margin:0 0 12px 0;font-family:Helvetica,Arial">${paragraph(i + k)}</p>` +
      `<table width="100%" cellpadding="0" cellspacing="0"><tr><td style="padding:8px;color:#333">Order ${10_000 + i + k}</td></tr></table></div>`,
  ).join('');
  return (
    `<div dir="ltr"><div style="font-family:arial,sans-serif;font-size:small">${paragraph(i)}</div><br>` +
    `<div class="gmail_signature"><div>Jane Doe</div><div>Acme GmbH, Musterstr. 1, 10115 Berlin</div></div>` +
    `<div class="gmail_quote">${quotes}${'</blockquote>'.repeat(6)}</div></div>`
  );
}

/** One mail of the shape, from `customer<n>@example.com`. */
export async function composeMail(
  shape: MailShape,
  mail: { n: number; to: string; subject: string; text: string; messageId: string; inReplyTo?: string },
): Promise<Buffer> {
  const rich = shape !== 'tiny';
  const info = await composer.sendMail({
    from: `customer${mail.n}@example.com`,
    to: mail.to,
    subject: mail.subject,
    text: rich ? `${mail.text}\n\n${paragraph(mail.n)}\n\n--\nJane Doe\n\n${quotedText(mail.n)}` : mail.text,
    ...(rich ? { html: `<p>${mail.text}</p>${quotedHtml(mail.n)}` } : {}),
    ...(shape === 'attachment'
      ? { attachments: [{ filename: 'photo.jpg', contentType: 'image/jpeg', content: photo() }] }
      : {}),
    messageId: mail.messageId,
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
  });
  return info.message as Buffer;
}
