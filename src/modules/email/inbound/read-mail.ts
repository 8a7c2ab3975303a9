/**
 * Parses a stored raw mail (mailparser; any charset it and iconv-lite can decode) into what processing
 * needs, its HTML sanitised. A mail without a usable sender cannot be processed: it is kept as failed,
 * never dropped. Processing calls it through mail-reader.ts, which runs it on a thread of its own.
 */
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { simpleParser, type AddressObject } from 'mailparser';
import { classifyMail } from './classify.js';
import { sanitizeMailHtml } from './content.js';
import type { InboundEmailClassification } from '../../../db/schema.js';
import { rawHeaderFields } from './raw-headers.js';

/** An attachment or inline part of a mail. */
export interface MailPart {
  filename: string | null;
  contentType: string;
  /** The Content-ID, as the header gives it (with <>), else null. */
  contentId: string | null;
  content: Buffer;
  /** Of the content, hex: the attachment store's content address. */
  sha256: string;
}

export interface ReadMail {
  /** Reply-To when given, else From; lower-case. */
  sender: string;
  senderName: string;
  /** The From address (bounce and loop checks look at who actually sent it). */
  from: string;
  subject: string;
  /** The text part, or the text made from the HTML part. */
  text: string;
  /** The HTML part sanitised, inline images as `cid:` placeholders (content.ts linkInlineImages). */
  html: string | null;
  /** To and Cc addresses, lower-case. */
  copied: string[];
  /** In-Reply-To, then References newest first. */
  referencedIds: string[];
  attachments: MailPart[];
  classification: InboundEmailClassification;
}

export class UnreadableMailError extends Error {
  override name = 'UnreadableMailError';
}

function addresses(field: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const flat = list.flatMap((a) => a.value).flatMap((v) => (v.group ? v.group : [v]));
  return flat
    .filter(
      (v): v is typeof v & { address: string } => typeof v.address === 'string' && v.address.includes('@'),
    )
    .map((v) => ({ address: v.address.trim().toLowerCase(), name: (v.name ?? '').trim() }));
}

function ids(value: string | string[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((v) => v.match(/<[^<>\s]+>/g) ?? []);
}

/**
 * The text when mailparser could not give one. UTF-7 (which mailparser passes through undecoded) is
 * decoded with iconv-lite; a multipart mail whose boundary matches nothing yields no parts, so its body
 * is read as text, without the boundary and part-header lines.
 */
function fallbackText(raw: Buffer, parsedText: string, hasParts: boolean): string {
  const head = raw.subarray(0, 64 * 1024).toString('latin1');
  if (/charset\s*=\s*"?utf-7/i.test(head) && /\+[A-Za-z0-9+/]+-?/.test(parsedText)) {
    return iconv.decode(Buffer.from(parsedText, 'latin1'), 'utf7');
  }
  if (parsedText.trim() !== '' || hasParts) return parsedText;
  const start = head.search(/\r?\n\r?\n/);
  if (start === -1) return '';
  return raw
    .subarray(start)
    .toString('utf8')
    .split(/\r?\n/)
    .filter((l) => !/^--[^\s]+$/.test(l.trim()) && !/^content-[\w-]+:/i.test(l))
    .join('\n')
    .trim();
}

/** Parses the raw mail; throws UnreadableMailError when it names no sender. */
export async function readMail(raw: Buffer): Promise<ReadMail> {
  const parsed = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true });
  const from = addresses(parsed.from)[0];
  const replyTo = addresses(parsed.replyTo)[0];
  const sender = replyTo ?? from;
  if (!from || !sender) throw new UnreadableMailError('the mail names no sender address (From)');
  const subject = (parsed.subject ?? '').replace(/\s+/g, ' ').trim();
  const references = ids(parsed.references).reverse();
  return {
    sender: sender.address,
    senderName: sender.name || from.name,
    from: from.address,
    subject,
    text: fallbackText(
      raw,
      parsed.text ?? '',
      typeof parsed.html === 'string' || parsed.attachments.length > 0,
    ),
    html: typeof parsed.html === 'string' ? sanitizeMailHtml(parsed.html) : null,
    copied: [...addresses(parsed.to), ...addresses(parsed.cc)].map((a) => a.address),
    referencedIds: [...new Set([...ids(parsed.inReplyTo), ...references])],
    attachments: parsed.attachments
      .filter((a) => a.contentType !== 'message/delivery-status')
      .map((a) => ({
        filename: a.filename ?? null,
        contentType: a.contentType,
        contentId: a.contentId ?? null,
        content: a.content,
        sha256: createHash('sha256').update(a.content).digest('hex'),
      })),
    classification: classifyMail(rawHeaderFields(raw), from.address, subject),
  };
}
