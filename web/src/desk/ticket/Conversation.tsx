/**
 * The conversation: the customer's description first, then every message, each kind visibly distinct
 * (customer, staff reply, internal note, system event) by a label, a side and a colour. Attachments
 * link to their download; images are previewed. Quoted history ("> …" lines) is folded.
 */
import { useTranslation } from 'react-i18next';
import type { Message, Ticket } from '../../api/types';
import { dateTime, fileSize } from '../format';
import { MailHtml } from './MailHtml';
import { splitQuoted } from './quoted';
import { DeliveryState, useReplyMails } from './DeliveryState';

type Kind = NonNullable<Message['message_type']>;

function kindOf(message: Message): Kind {
  if (message.message_type) return message.message_type;
  if (message.is_internal) return 'note';
  return message.is_staff_reply ? 'agent' : 'customer';
}

function Body({ text }: { text: string }) {
  const { t } = useTranslation();
  const { body, quoted } = splitQuoted(text);
  return (
    <>
      <p className="message-text">{body}</p>
      {quoted && (
        <details className="quoted">
          <summary>{t('ticket.quoted')}</summary>
          <p className="message-text">{quoted}</p>
        </details>
      )}
    </>
  );
}

interface FileInfo {
  id?: number;
  filename?: string;
  file_size?: number;
  mime_type?: string;
}

function Attachments({ ticket, files }: { ticket: string; files: FileInfo[] }) {
  const { t } = useTranslation();
  if (files.length === 0) return null;
  return (
    <ul className="attachments" aria-label={t('ticket.attachments')}>
      {files.map((file) => {
        const url = `/api/support/tickets/${encodeURIComponent(ticket)}/attachments/${file.id}/`;
        const name = file.filename ?? '';
        const label = t('ticket.attachment', { name, size: fileSize(file.file_size ?? 0) });
        return (
          <li key={file.id}>
            <a href={url} download={name} aria-label={label}>
              {file.mime_type?.startsWith('image/') ? (
                <img src={url} alt="" loading="lazy" />
              ) : (
                <span aria-hidden="true">📎</span>
              )}
              <span>{name}</span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

export function Conversation({ ticket }: { ticket: Ticket }) {
  const { t, i18n } = useTranslation();
  const number = ticket.ticket_number ?? '';
  const messages = ticket.messages ?? [];
  const mails = useReplyMails(number);
  // The customer's first message is the description itself on tickets opened with one; shown once.
  const described = messages[0]?.message_type === 'customer' && messages[0].message === ticket.description;
  return (
    <ol className="conversation" aria-label={t('ticket.conversation')}>
      {!described && (
        <li className="message message-customer">
          <header>
            <span className="message-kind">{t('ticket.kinds.customer')}</span>
            <strong>{ticket.customer?.name || ticket.customer?.email}</strong>
            <time dateTime={ticket.created_at}>{dateTime(ticket.created_at, i18n.language)}</time>
          </header>
          <Body text={ticket.description ?? ''} />
          {ticket.description_has_html && <MailHtml ticket={number} />}
          <Attachments
            ticket={number}
            files={(ticket.attachments ?? []).filter((a) => a.message_id == null)}
          />
        </li>
      )}
      {messages.map((message) => {
        const kind = kindOf(message);
        return (
          <li key={message.id} className={`message message-${kind}`} data-kind={kind}>
            <header>
              <span className="message-kind">{t(`ticket.kinds.${kind}`)}</span>
              <strong>
                {kind === 'system' ? t('ticket.system') : message.sender_name || message.sender_email}
              </strong>
              <time dateTime={message.created_at}>{dateTime(message.created_at, i18n.language)}</time>
            </header>
            <Body text={message.message ?? ''} />
            {message.has_html && message.id !== undefined && (
              <MailHtml ticket={number} messageId={message.id} />
            )}
            <Attachments ticket={number} files={message.attachments ?? []} />
            <DeliveryState ticket={number} mail={message.id ? mails.get(message.id) : undefined} />
          </li>
        );
      })}
    </ol>
  );
}
