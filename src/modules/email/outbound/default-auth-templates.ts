/**
 * The default wording of the account mails (login link, sign-up, password links of customers and staff)
 * in English and German, with their subject lines. {{link.url}} is the one-time link, {{link.expires_in}}
 * how long it lives ("15 minutes", "15 Minuten"); customer mails greet {{customer.name}}, staff mails
 * {{user.name}}. The text part keeps the link the first address in the mail.
 */
import type { AuthMailKind } from '../../../db/schema.js';
import type { MailTemplateText } from './default-templates.js';
import { linkButton, p, page } from './mail-layout.js';

type Wording = Record<AuthMailKind, MailTemplateText>;

const EN_FALLBACK = 'If the button does not work, open this address in your browser:';
const DE_FALLBACK = 'Falls die Schaltfläche nicht funktioniert, öffnen Sie diese Adresse in Ihrem Browser:';

/** A text part and its HTML twin from the same sentences. */
function mail(parts: {
  greeting: string;
  lead: string;
  button: string;
  after?: string;
  footer: string;
  fallback: string;
}): MailTemplateText {
  return {
    text_body:
      `${parts.greeting}\n\n${parts.lead}:\n\n{{link.url}}\n\n` +
      (parts.after ? `${parts.after}\n\n` : '') +
      `${parts.footer}\n`,
    html_body: page(
      p(parts.greeting) +
        p(`${parts.lead}.`) +
        linkButton(parts.button, parts.fallback) +
        (parts.after ? p(parts.after) : ''),
      parts.footer,
    ),
  };
}

const en = (kind: Omit<Parameters<typeof mail>[0], 'fallback'>) => mail({ ...kind, fallback: EN_FALLBACK });
const de = (kind: Omit<Parameters<typeof mail>[0], 'fallback'>) => mail({ ...kind, fallback: DE_FALLBACK });

const EN: Wording = {
  login_link: en({
    greeting: 'Hello {{customer.name}},',
    lead: 'use this link to log in to {{workspace.name}} support. It works once and expires in {{link.expires_in}}',
    button: 'Log in',
    footer: 'If you did not ask for it, ignore this email: nobody can log in without the link.',
  }),
  signup_confirmation: en({
    greeting: 'Hello {{customer.name}},',
    lead:
      'welcome to {{workspace.name}} support. Confirm your address and log in with this link (it works once ' +
      'and expires in {{link.expires_in}})',
    button: 'Confirm my address',
    footer: 'If you did not sign up, ignore this email.',
  }),
  signup_existing_account: en({
    greeting: 'Hello {{customer.name}},',
    lead:
      'someone, perhaps you, tried to create an account for {{workspace.name}} support with this address. ' +
      'You already have an account: log in with your password, or with this link (it works once and ' +
      'expires in {{link.expires_in}})',
    button: 'Log in',
    footer: 'If it was not you, ignore this email: nothing was changed.',
  }),
  password_reset: en({
    greeting: 'Hello {{customer.name}},',
    lead:
      'someone, perhaps you, asked to reset your password for {{workspace.name}} support. Choose a new one ' +
      'with this link (it works once and expires in {{link.expires_in}})',
    button: 'Choose a new password',
    footer: 'If it was not you, ignore this email: your password stays as it is.',
  }),
  staff_invitation: en({
    greeting: 'Hello {{user.name}},',
    lead:
      '{{inviter.name}} invited you to work on {{workspace.name}} support. Choose your password with this ' +
      'link (it works once and expires in {{link.expires_in}})',
    button: 'Choose my password',
    after: 'Then log in with your email address and that password.',
    footer: 'You get this email because an administrator of {{workspace.name}} invited this address.',
  }),
  staff_password_reset: en({
    greeting: 'Hello {{user.name}},',
    lead:
      'someone, perhaps you, asked to reset your password for {{workspace.name}} support. Choose a new one ' +
      'with this link (it works once and expires in {{link.expires_in}})',
    button: 'Choose a new password',
    footer: 'If it was not you, ignore this email: your password stays as it is.',
  }),
};

const DE: Wording = {
  login_link: de({
    greeting: 'Hallo {{customer.name}},',
    lead:
      'mit diesem Link melden Sie sich beim Support von {{workspace.name}} an. Er funktioniert einmal und ' +
      'läuft in {{link.expires_in}} ab',
    button: 'Anmelden',
    footer:
      'Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese E-Mail: Ohne den Link kann sich niemand anmelden.',
  }),
  signup_confirmation: de({
    greeting: 'Hallo {{customer.name}},',
    lead:
      'willkommen beim Support von {{workspace.name}}. Bestätigen Sie Ihre Adresse und melden Sie sich mit ' +
      'diesem Link an (er funktioniert einmal und läuft in {{link.expires_in}} ab)',
    button: 'Adresse bestätigen',
    footer: 'Wenn Sie sich nicht registriert haben, ignorieren Sie diese E-Mail.',
  }),
  signup_existing_account: de({
    greeting: 'Hallo {{customer.name}},',
    lead:
      'jemand, vielleicht Sie, wollte mit dieser Adresse ein Konto beim Support von {{workspace.name}} ' +
      'anlegen. Sie haben bereits ein Konto: Melden Sie sich mit Ihrem Passwort an oder mit diesem Link ' +
      '(er funktioniert einmal und läuft in {{link.expires_in}} ab)',
    button: 'Anmelden',
    footer: 'Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: Es wurde nichts geändert.',
  }),
  password_reset: de({
    greeting: 'Hallo {{customer.name}},',
    lead:
      'jemand, vielleicht Sie, möchte Ihr Passwort für den Support von {{workspace.name}} zurücksetzen. ' +
      'Wählen Sie mit diesem Link ein neues (er funktioniert einmal und läuft in {{link.expires_in}} ab)',
    button: 'Neues Passwort wählen',
    footer: 'Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, wie es ist.',
  }),
  staff_invitation: de({
    greeting: 'Hallo {{user.name}},',
    lead:
      '{{inviter.name}} hat Sie eingeladen, im Support von {{workspace.name}} mitzuarbeiten. Wählen Sie Ihr ' +
      'Passwort mit diesem Link (er funktioniert einmal und läuft in {{link.expires_in}} ab)',
    button: 'Passwort wählen',
    after: 'Melden Sie sich danach mit Ihrer E-Mail-Adresse und diesem Passwort an.',
    footer:
      'Sie erhalten diese E-Mail, weil ein Administrator von {{workspace.name}} diese Adresse eingeladen hat.',
  }),
  staff_password_reset: de({
    greeting: 'Hallo {{user.name}},',
    lead:
      'jemand, vielleicht Sie, möchte Ihr Passwort für den Support von {{workspace.name}} zurücksetzen. ' +
      'Wählen Sie mit diesem Link ein neues (er funktioniert einmal und läuft in {{link.expires_in}} ab)',
    button: 'Neues Passwort wählen',
    footer: 'Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, wie es ist.',
  }),
};

export const AUTH_MAIL_TEMPLATES = { en: EN, de: DE } as const;

/** The subject lines (not editable: like a ticket mail's, they are part of the product's wording). */
export const AUTH_MAIL_SUBJECTS: Record<'en' | 'de', Record<AuthMailKind, string>> = {
  en: {
    login_link: 'Your login link for {{workspace.name}}',
    signup_confirmation: 'Confirm your email for {{workspace.name}}',
    signup_existing_account: 'Your account at {{workspace.name}}',
    password_reset: 'Reset your password for {{workspace.name}}',
    staff_invitation: 'You are invited to {{workspace.name}} support',
    staff_password_reset: 'Reset your password for {{workspace.name}} support',
  },
  de: {
    login_link: 'Ihr Anmeldelink für {{workspace.name}}',
    signup_confirmation: 'Bestätigen Sie Ihre E-Mail-Adresse für {{workspace.name}}',
    signup_existing_account: 'Ihr Konto bei {{workspace.name}}',
    password_reset: 'Neues Passwort für {{workspace.name}}',
    staff_invitation: 'Einladung zum Support von {{workspace.name}}',
    staff_password_reset: 'Neues Passwort für den Support von {{workspace.name}}',
  },
};

/** How long a link lives, as the templates say it: "15 minutes" / "in 15 Minuten", "7 days" / "in 7 Tagen". */
export function linkLifetimeText(minutes: number, language: 'en' | 'de'): string {
  const days = minutes / (24 * 60);
  if (Number.isInteger(days)) {
    if (language === 'de') return `${days} ${days === 1 ? 'Tag' : 'Tagen'}`;
    return `${days} ${days === 1 ? 'day' : 'days'}`;
  }
  if (language === 'de') return `${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'}`;
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}
