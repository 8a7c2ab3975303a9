/** The widget's texts, English and German (same keys: the type enforces it). */
const en = {
  open: 'Chat with us',
  title: 'Chat with us',
  close: 'Close chat',
  online: (n: number, wait: number | null) =>
    `${n} ${n === 1 ? 'agent is' : 'agents are'} online${wait !== null ? `. Expected wait: ${duration(wait, 'en')}` : ''}.`,
  offline: 'Nobody is available right now. Leave a message and we will answer by email.',
  disabled: 'Chat is not available.',
  name: 'Your name',
  email: 'Your email',
  message: 'Your message',
  start: 'Start chat',
  send: 'Send',
  you: 'You',
  agent: 'Support',
  typing: (name: string) => `${name || 'An agent'} is typing…`,
  waiting: 'Waiting for an agent…',
  active: 'An agent joined the chat.',
  byEmail: 'Nobody could take the chat: we will answer you by email.',
  ended: 'The chat has ended.',
  transcript: 'Email me the transcript',
  transcriptSent: (to: string) => `The transcript is on its way to ${to}.`,
  reconnecting: 'Connection lost. Reconnecting…',
  failed: 'Something went wrong. Please try again.',
  log: 'Conversation',
  sending: 'sending…',
};

const de: typeof en = {
  open: 'Chatten Sie mit uns',
  title: 'Chatten Sie mit uns',
  close: 'Chat schließen',
  online: (n, wait) =>
    `${n} ${n === 1 ? 'Mitarbeiter ist' : 'Mitarbeiter sind'} online${wait !== null ? `. Erwartete Wartezeit: ${duration(wait, 'de')}` : ''}.`,
  offline: 'Gerade ist niemand erreichbar. Hinterlassen Sie eine Nachricht, wir antworten per E-Mail.',
  disabled: 'Der Chat ist nicht verfügbar.',
  name: 'Ihr Name',
  email: 'Ihre E-Mail-Adresse',
  message: 'Ihre Nachricht',
  start: 'Chat starten',
  send: 'Senden',
  you: 'Sie',
  agent: 'Support',
  typing: (name) => `${name || 'Ein Mitarbeiter'} schreibt…`,
  waiting: 'Wir suchen einen freien Mitarbeiter…',
  active: 'Ein Mitarbeiter ist dem Chat beigetreten.',
  byEmail: 'Niemand konnte den Chat annehmen: Wir antworten Ihnen per E-Mail.',
  ended: 'Der Chat ist beendet.',
  transcript: 'Verlauf per E-Mail senden',
  transcriptSent: (to) => `Der Verlauf geht an ${to}.`,
  reconnecting: 'Verbindung unterbrochen. Neuer Versuch…',
  failed: 'Etwas ist schiefgegangen. Bitte versuchen Sie es erneut.',
  log: 'Unterhaltung',
  sending: 'wird gesendet…',
};

function duration(seconds: number, lang: 'en' | 'de'): string {
  if (seconds < 90)
    return lang === 'de'
      ? `${Math.max(1, Math.round(seconds))} Sekunden`
      : `${Math.max(1, Math.round(seconds))} seconds`;
  const m = Math.round(seconds / 60);
  return lang === 'de' ? `${m} Minuten` : `${m} minutes`;
}

export type Texts = typeof en;

export function textsFor(language: string): Texts {
  return language.toLowerCase().startsWith('de') ? de : en;
}
