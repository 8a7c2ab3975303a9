/**
 * The wording of customer mails until a workspace edits its own (mail_templates), in English and German:
 * the ticket mails here, the account mails in default-auth-templates.ts, both in mail-layout.ts's frame.
 * The workspace's branding (admin console → workspace) comes in through {{workspace.logo}} and
 * {{workspace.accent_color}} (the product's blue when none is set).
 */
import type { MailTemplateKind, TicketMailKind } from '../../../db/schema.js';
import { AUTH_MAIL_TEMPLATES } from './default-auth-templates.js';
import { p, page, portalLink } from './mail-layout.js';

export const MAIL_LANGUAGES = ['en', 'de'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

export interface MailTemplateText {
  text_body: string;
  html_body: string;
}

const EN: Record<TicketMailKind, MailTemplateText> = {
  acknowledgement: {
    text_body:
      'Hello {{customer.name}},\n\nthank you for contacting {{workspace.name}}. We have received your request ' +
      '"{{ticket.subject}}" as ticket {{ticket.number}} and will answer as soon as we can.\n\n' +
      'To add something, simply reply to this mail. You can also follow your ticket here:\n{{portal.link}}\n\n' +
      '{{mailbox.signature}}\n',
    html_body: page(
      p('Hello {{customer.name}},') +
        p(
          'thank you for contacting {{workspace.name}}. We have received your request “{{ticket.subject}}” as ' +
            'ticket <strong>{{ticket.number}}</strong> and will answer as soon as we can.',
        ) +
        p(
          `To add something, simply reply to this mail. You can also ${portalLink('follow your ticket online')}.`,
        ) +
        p('{{mailbox.signature}}'),
      'This is an automatic confirmation of ticket {{ticket.number}}.',
    ),
  },
  reply: {
    text_body:
      '{{message.text}}\n\n-- \n{{agent.name}}\n{{mailbox.signature}}\n\nTicket {{ticket.number}}: {{portal.link}}\n',
    html_body: page(
      p('{{message.text}}') + p('{{agent.name}}<br>\n{{mailbox.signature}}'),
      `Ticket {{ticket.number}} — reply to this mail to answer, or ${portalLink('view the ticket online')}.`,
    ),
  },
  resolved: {
    text_body:
      'Hello {{customer.name}},\n\nyour ticket {{ticket.number}} "{{ticket.subject}}" has been resolved.\n\n' +
      'If something is still open, just reply to this mail and the ticket is reopened. You can also rate ' +
      'our help here:\n{{portal.link}}\n\n{{mailbox.signature}}\n',
    html_body: page(
      p('Hello {{customer.name}},') +
        p('your ticket <strong>{{ticket.number}}</strong> “{{ticket.subject}}” has been resolved.') +
        p(
          `If something is still open, just reply to this mail and the ticket is reopened. You can also ${portalLink('rate our help')}.`,
        ) +
        p('{{mailbox.signature}}'),
      'Ticket {{ticket.number}} — {{workspace.name}}',
    ),
  },
};

const DE: Record<TicketMailKind, MailTemplateText> = {
  acknowledgement: {
    text_body:
      'Hallo {{customer.name}},\n\nvielen Dank für Ihre Nachricht an {{workspace.name}}. Wir haben Ihre Anfrage ' +
      '„{{ticket.subject}}“ als Ticket {{ticket.number}} erhalten und melden uns so bald wie möglich.\n\n' +
      'Um etwas zu ergänzen, antworten Sie einfach auf diese Mail. Ihr Ticket finden Sie auch hier:\n' +
      '{{portal.link}}\n\n{{mailbox.signature}}\n',
    html_body: page(
      p('Hallo {{customer.name}},') +
        p(
          'vielen Dank für Ihre Nachricht an {{workspace.name}}. Wir haben Ihre Anfrage „{{ticket.subject}}“ als ' +
            'Ticket <strong>{{ticket.number}}</strong> erhalten und melden uns so bald wie möglich.',
        ) +
        p(
          `Um etwas zu ergänzen, antworten Sie einfach auf diese Mail. Sie können ${portalLink('Ihr Ticket auch online verfolgen')}.`,
        ) +
        p('{{mailbox.signature}}'),
      'Dies ist eine automatische Bestätigung zu Ticket {{ticket.number}}.',
    ),
  },
  reply: {
    text_body:
      '{{message.text}}\n\n-- \n{{agent.name}}\n{{mailbox.signature}}\n\nTicket {{ticket.number}}: {{portal.link}}\n',
    html_body: page(
      p('{{message.text}}') + p('{{agent.name}}<br>\n{{mailbox.signature}}'),
      `Ticket {{ticket.number}} — antworten Sie auf diese Mail oder ${portalLink('öffnen Sie das Ticket online')}.`,
    ),
  },
  resolved: {
    text_body:
      'Hallo {{customer.name}},\n\nIhr Ticket {{ticket.number}} „{{ticket.subject}}“ wurde gelöst.\n\n' +
      'Ist noch etwas offen, antworten Sie einfach auf diese Mail, dann öffnen wir das Ticket wieder. ' +
      'Hier können Sie unsere Hilfe bewerten:\n{{portal.link}}\n\n{{mailbox.signature}}\n',
    html_body: page(
      p('Hallo {{customer.name}},') +
        p('Ihr Ticket <strong>{{ticket.number}}</strong> „{{ticket.subject}}“ wurde gelöst.') +
        p(
          `Ist noch etwas offen, antworten Sie einfach auf diese Mail, dann öffnen wir das Ticket wieder. Sie können ${portalLink('unsere Hilfe bewerten')}.`,
        ) +
        p('{{mailbox.signature}}'),
      'Ticket {{ticket.number}} — {{workspace.name}}',
    ),
  },
};

export const DEFAULT_MAIL_TEMPLATES: Record<MailLanguage, Record<MailTemplateKind, MailTemplateText>> = {
  en: { ...EN, ...AUTH_MAIL_TEMPLATES.en },
  de: { ...DE, ...AUTH_MAIL_TEMPLATES.de },
};

/** The mail language of a workspace language ('de-AT' → 'de'); English for any other. */
export function mailLanguageOf(language: string): MailLanguage {
  const base = language.toLowerCase().slice(0, 2);
  return (MAIL_LANGUAGES as readonly string[]).includes(base) ? (base as MailLanguage) : 'en';
}
