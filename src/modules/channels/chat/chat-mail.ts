/** The texts of chat mails (the email fallback, the transcript, a reply by email), in English and German. */
export type ChatMailKind = 'fallback' | 'transcript' | 'reply';

interface Facts {
  ticket_number: string;
  name: string;
  workspace_name: string;
}

const TEXTS = {
  en: {
    fallback: (f: Facts) => ({
      subject: `[${f.ticket_number}] We received your chat message`,
      text:
        `Hello ${f.name || 'there'},\n\nnobody from ${f.workspace_name} could take your chat right now. ` +
        `Your message is ticket ${f.ticket_number}; we will answer you by email.\n`,
    }),
    transcript: (f: Facts) => ({
      subject: `[${f.ticket_number}] Your chat transcript`,
      text: `Hello ${f.name || 'there'},\n\nhere is your chat with ${f.workspace_name} (ticket ${f.ticket_number}):\n\n`,
    }),
    reply: (f: Facts) => ({
      subject: `[${f.ticket_number}] Reply to your chat`,
      text: `Hello ${f.name || 'there'},\n\n${f.workspace_name} answered your chat (ticket ${f.ticket_number}):\n\n`,
    }),
  },
  de: {
    fallback: (f: Facts) => ({
      subject: `[${f.ticket_number}] Wir haben Ihre Chat-Nachricht erhalten`,
      text:
        `Hallo ${f.name || ''},\n\ngerade konnte niemand von ${f.workspace_name} Ihren Chat annehmen. ` +
        `Ihre Nachricht ist Ticket ${f.ticket_number}; wir antworten Ihnen per E-Mail.\n`,
    }),
    transcript: (f: Facts) => ({
      subject: `[${f.ticket_number}] Ihr Chat-Verlauf`,
      text: `Hallo ${f.name || ''},\n\nhier ist Ihr Chat mit ${f.workspace_name} (Ticket ${f.ticket_number}):\n\n`,
    }),
    reply: (f: Facts) => ({
      subject: `[${f.ticket_number}] Antwort auf Ihren Chat`,
      text: `Hallo ${f.name || ''},\n\n${f.workspace_name} hat auf Ihren Chat geantwortet (Ticket ${f.ticket_number}):\n\n`,
    }),
  },
} as const;

export function chatMailText(
  language: string,
  kind: ChatMailKind,
  facts: Facts,
): { subject: string; text: string } {
  const texts = language === 'de' ? TEXTS.de : TEXTS.en;
  return texts[kind](facts);
}
