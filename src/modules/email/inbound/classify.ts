/**
 * Loop and bounce protection: what kind of mail this is, from its headers (issue 14, point 6).
 * - 'bounce': a delivery-status report (multipart/report; delivery-status, or from the mailer daemon with
 *   an empty Return-Path) — matched to the outbound mail it bounces, never a ticket;
 * - 'auto': an auto-reply (Auto-Submitted other than "no", X-Autoreply, X-Autorespond,
 *   X-Auto-Response-Suppress, our own X-Loop, an out-of-office subject) — never opens or reopens a
 *   ticket, never acknowledged;
 * - 'bulk': Precedence bulk/junk/list or a mailing list — a ticket, but no acknowledgement;
 * - 'normal'.
 */
import type { InboundEmailClassification } from '../../../db/schema.js';
import { headerValue } from './raw-headers.js';

/** The X-Loop value our outbound mail carries; mail that comes back with it is our own. */
export const LOOP_ID = 'bfg2-support';

const OUT_OF_OFFICE =
  /^\s*(out of (the )?office|ooo\b|automatic reply|auto(matic)?[- ]?(reply|response)|autoreply|abwesenheit|automatische antwort|abwesend|absence|vacation|urlaub|r[ée]ponse automatique|respuesta autom[aá]tica|risposta automatica)/i;
const DAEMON = /^(mailer-daemon|postmaster|mail-daemon)@/i;

type Fields = { name: string; value: string }[];

function isBounce(fields: Fields, from: string): boolean {
  const type = (headerValue(fields, 'content-type') ?? '').toLowerCase();
  if (type.startsWith('multipart/report') && /report-type\s*=\s*"?delivery-status/.test(type)) return true;
  const returnPath = headerValue(fields, 'return-path');
  const emptyReturnPath = returnPath !== undefined && /^<\s*>$/.test(returnPath.trim());
  return DAEMON.test(from) && (emptyReturnPath || type.startsWith('multipart/report'));
}

function isAuto(fields: Fields, subject: string): boolean {
  const submitted = headerValue(fields, 'auto-submitted');
  if (submitted !== undefined && submitted.trim().toLowerCase().split(/[;\s]/)[0] !== 'no') return true;
  if (
    ['x-autoreply', 'x-autorespond', 'x-auto-response-suppress'].some(
      (h) => headerValue(fields, h) !== undefined,
    )
  ) {
    return true;
  }
  if (fields.some((f) => f.name === 'x-loop' && f.value.toLowerCase().includes(LOOP_ID))) return true;
  return OUT_OF_OFFICE.test(subject);
}

function isBulk(fields: Fields): boolean {
  const precedence = (headerValue(fields, 'precedence') ?? '').trim().toLowerCase();
  if (['bulk', 'junk', 'list'].includes(precedence)) return true;
  return (
    headerValue(fields, 'list-id') !== undefined || headerValue(fields, 'list-unsubscribe') !== undefined
  );
}

/** Classifies the mail by its raw header fields, sender address and decoded subject. */
export function classifyMail(fields: Fields, from: string, subject: string): InboundEmailClassification {
  if (isBounce(fields, from)) return 'bounce';
  if (isAuto(fields, subject)) return 'auto';
  if (isBulk(fields)) return 'bulk';
  return 'normal';
}

/**
 * The Message-IDs a delivery-status report names (of the bounced mail, in its attached headers) and the
 * reason it gives. Reads the raw body: DSN formats vary, the Message-ID line does not.
 */
export function bounceFacts(raw: Buffer, ownMessageId: string): { messageIds: string[]; reason: string } {
  const text = raw.toString('latin1');
  const bodyStart = text.search(/\r?\n\r?\n/);
  const body = bodyStart === -1 ? '' : text.slice(bodyStart);
  const ids = [
    ...body.matchAll(/^(?:message-id|original-message-id|x-original-message-id)\s*:\s*(<[^<>\s]+>)/gim),
  ]
    .map((m) => m[1] ?? '')
    .filter((id) => id !== '' && id !== ownMessageId);
  const diagnostic = /^diagnostic-code\s*:\s*(.+)$/im.exec(body)?.[1];
  const status = /^status\s*:\s*([245]\.\d{1,3}\.\d{1,3})/im.exec(body)?.[1];
  const reason = (diagnostic ?? (status ? `status ${status}` : 'delivery failed')).trim().slice(0, 1000);
  return { messageIds: [...new Set(ids)], reason };
}
