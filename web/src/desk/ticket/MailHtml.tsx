/**
 * The HTML part of a mailed message, on request: the server's sanitised copy in a sandboxed iframe (no
 * scripts; the document's own CSP sandboxes it too), as tall as its content. The text above stays the
 * message; this shows how the customer's mail looked.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Where the server serves a message's HTML, or without a message the HTML of the mail that opened the
 * ticket (a document for the frame, so a URL rather than a client call).
 */
export function mailHtmlUrl(ticket: string, messageId?: number): string {
  const base = `/api/support/tickets/${encodeURIComponent(ticket)}`;
  return messageId === undefined ? `${base}/description/html` : `${base}/messages/${messageId}/html`;
}

export function MailHtml({ ticket, messageId }: { ticket: string; messageId?: number }) {
  const { t } = useTranslation();
  const [height, setHeight] = useState(160);
  return (
    <details className="mail-html">
      <summary>{t('ticketHelp.mail.show')}</summary>
      <iframe
        src={mailHtmlUrl(ticket, messageId)}
        title={t('ticketHelp.mail.frame')}
        sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
        referrerPolicy="no-referrer"
        loading="lazy"
        style={{ height }}
        onLoad={(event) => {
          const doc = event.currentTarget.contentDocument;
          if (doc) setHeight(Math.min(Math.max(doc.documentElement.scrollHeight, 80), 1200));
        }}
      />
    </details>
  );
}
