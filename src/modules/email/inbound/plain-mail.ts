/**
 * Which mails of a batch are taken set-based (receiveInboundBatch) rather than one by one (handle): the
 * ones whose outcome no earlier mail of the batch can change. A plain mail is an ordinary (not automatic,
 * not a bounce) mail that references no other mail of the batch, and
 * that either continues a ticket of its sender's as its customer (not closed or cancelled), or continues
 * none and names no ticket number. Everything else — staff and participants writing, a stranger on a
 * ticket (an earlier mail may have copied them on it), a number that a ticket opened earlier in the batch
 * may carry, a follow-up of a closed ticket — is handled alone, in order, after the plain ones.
 */
import type { BatchDelivery } from '../../channels/index.js';
import { namesTicketNumber } from './find-thread.js';
import { newTicketOf, senderOf, textOf, threadOf, type Work } from './handle-mail.js';

export interface PlainMail {
  delivery: BatchDelivery;
  /** The quoted text folded away (kept on the stored row). */
  folded: string;
}

/** The mail's delivery when it is plain, else null. */
export async function plainMail(w: Work): Promise<PlainMail | null> {
  const { mail, batch } = w;
  if (!batch || mail.classification === 'bounce' || mail.classification === 'auto') return null;
  // Undefined when the mail references another of the batch: that one's ticket exists only later.
  if (!w.references) return null;
  const target = await threadOf(w);
  const text = textOf(w);
  let delivery: BatchDelivery;
  if (!target && !namesTicketNumber(mail.subject)) {
    delivery = { from: senderOf(mail), ticket: await newTicketOf(w, text.visible) };
  } else if (target?.sender === 'customer' && !['closed', 'cancelled'].includes(target.ticket.status)) {
    delivery = {
      from: senderOf(mail),
      thread: { ticket: target.ticket.id, message: text.visible, emailMessageId: w.row.message_id },
    };
  } else return null;
  return { delivery, folded: text.folded };
}
