/**
 * The demo's response templates, in English and German. Placeholders are filled in when an agent uses
 * one: {{customer.name}}, {{ticket.ticket_number}}, {{ticket.subject}}, {{agent.name}}, {{workspace.name}}.
 */
import type { Tx } from '../../db/tenant.js';
import type { DemoRefs } from './demo-refs.js';
import type { CategorySlug } from './demo-settings-data.js';

interface TemplateData {
  name: string;
  subject: string;
  content: string;
  language: 'en' | 'de';
  categories: CategorySlug[];
}

const SIGN_EN = 'Best regards,\n{{agent.name}}\n{{workspace.name}}';
const SIGN_DE = 'Viele Grüße\n{{agent.name}}\n{{workspace.name}}';

export const DEMO_TEMPLATES: readonly TemplateData[] = [
  {
    name: 'Missing item: we are checking',
    subject: 'Re: {{ticket.subject}} [{{ticket.ticket_number}}]',
    content: `Hi {{customer.name}},\n\nthank you for letting us know that an item is missing from your order. We are checking the packing record and the weight of your parcel at dispatch, and we will get back to you within one business day.\n\nIf the item was not packed, we will send it at no cost to you.\n\n${SIGN_EN}`,
    language: 'en',
    categories: ['missing-item'],
  },
  {
    name: 'Fehlender Artikel: wir prüfen',
    subject: 'Re: {{ticket.subject}} [{{ticket.ticket_number}}]',
    content: `Hallo {{customer.name}},\n\nvielen Dank für Ihren Hinweis, dass ein Artikel in Ihrer Bestellung fehlt. Wir prüfen das Packprotokoll und das Gewicht Ihres Pakets beim Versand und melden uns innerhalb eines Werktags.\n\nFalls der Artikel nicht eingepackt wurde, senden wir ihn kostenlos nach.\n\n${SIGN_DE}`,
    language: 'de',
    categories: ['missing-item'],
  },
  {
    name: 'Wrong item: free exchange',
    subject: 'Your exchange for {{ticket.ticket_number}}',
    content: `Hi {{customer.name}},\n\nwe are sorry that you received the wrong item. Please send it back with the prepaid return label in your account (Orders → Return). As soon as the carrier scans your return, we ship the right item.\n\n${SIGN_EN}`,
    language: 'en',
    categories: ['wrong-item'],
  },
  {
    name: 'Falscher Artikel: kostenloser Umtausch',
    subject: 'Ihr Umtausch zu {{ticket.ticket_number}}',
    content: `Hallo {{customer.name}},\n\nes tut uns leid, dass Sie einen falschen Artikel erhalten haben. Bitte senden Sie ihn mit dem vorfrankierten Retourenschein aus Ihrem Konto zurück (Bestellungen → Rücksendung). Sobald der Paketdienst Ihre Rücksendung scannt, versenden wir den richtigen Artikel.\n\n${SIGN_DE}`,
    language: 'de',
    categories: ['wrong-item'],
  },
  {
    name: 'Delayed parcel: investigation opened',
    subject: 'Re: {{ticket.subject}} [{{ticket.ticket_number}}]',
    content: `Hi {{customer.name}},\n\nwe are sorry that your parcel is late. We have opened an investigation with the carrier; they answer within five business days. If your parcel cannot be found, we will send a replacement or refund you, whichever you prefer.\n\n${SIGN_EN}`,
    language: 'en',
    categories: ['delivery', 'delivery-delayed'],
  },
  {
    name: 'Verspätetes Paket: Nachforschung eingeleitet',
    subject: 'Re: {{ticket.subject}} [{{ticket.ticket_number}}]',
    content: `Hallo {{customer.name}},\n\nes tut uns leid, dass Ihr Paket auf sich warten lässt. Wir haben beim Paketdienst einen Nachforschungsauftrag gestellt; die Antwort kommt innerhalb von fünf Werktagen. Sollte das Paket verloren sein, schicken wir Ersatz oder erstatten den Betrag – ganz wie Sie möchten.\n\n${SIGN_DE}`,
    language: 'de',
    categories: ['delivery', 'delivery-delayed'],
  },
  {
    name: 'Damaged parcel: please send photos',
    subject: 'Photos for {{ticket.ticket_number}}',
    content: `Hi {{customer.name}},\n\nwe are very sorry that your order arrived damaged. Please reply with two or three photos: the outside of the box, the packaging inside and the damaged item. Please keep the box until we have answered, as the carrier may want to inspect it.\n\n${SIGN_EN}`,
    language: 'en',
    categories: ['delivery-damaged'],
  },
  {
    name: 'Beschädigtes Paket: bitte Fotos senden',
    subject: 'Fotos zu {{ticket.ticket_number}}',
    content: `Hallo {{customer.name}},\n\nes tut uns sehr leid, dass Ihre Bestellung beschädigt angekommen ist. Bitte antworten Sie mit zwei oder drei Fotos: vom Karton von außen, von der Verpackung innen und vom beschädigten Artikel. Bitte bewahren Sie den Karton auf, bis wir geantwortet haben – der Paketdienst möchte ihn eventuell prüfen.\n\n${SIGN_DE}`,
    language: 'de',
    categories: ['delivery-damaged'],
  },
  {
    name: 'Refund issued',
    subject: 'Your refund for {{ticket.ticket_number}}',
    content: `Hi {{customer.name}},\n\nwe have issued your refund today. It goes back to the payment method you used: PayPal usually shows it within a day, cards and bank accounts within 3–5 business days.\n\n${SIGN_EN}`,
    language: 'en',
    categories: ['refunds', 'billing'],
  },
  {
    name: 'Erstattung veranlasst',
    subject: 'Ihre Erstattung zu {{ticket.ticket_number}}',
    content: `Hallo {{customer.name}},\n\nwir haben Ihre Erstattung heute veranlasst. Sie geht an die Zahlungsart zurück, mit der Sie bezahlt haben: Bei PayPal sehen Sie sie meist innerhalb eines Tages, bei Karte und Konto nach 3–5 Werktagen.\n\n${SIGN_DE}`,
    language: 'de',
    categories: ['refunds', 'billing'],
  },
  {
    name: 'Password reset',
    subject: 'Resetting your password',
    content: `Hi {{customer.name}},\n\nto set a new password, open the login page and click “Forgot password?”. The link in the e-mail is valid for one hour. If it does not arrive within a few minutes, please check your spam folder.\n\n${SIGN_EN}`,
    language: 'en',
    categories: ['account'],
  },
  {
    name: 'Passwort zurücksetzen',
    subject: 'Ihr Passwort zurücksetzen',
    content: `Hallo {{customer.name}},\n\num ein neues Passwort zu vergeben, öffnen Sie die Anmeldeseite und klicken Sie auf „Passwort vergessen?“. Der Link in der E-Mail ist eine Stunde gültig. Falls er nicht innerhalb weniger Minuten ankommt, sehen Sie bitte im Spam-Ordner nach.\n\n${SIGN_DE}`,
    language: 'de',
    categories: ['account'],
  },
  {
    name: 'Closing: anything else?',
    subject: 'Re: {{ticket.subject}} [{{ticket.ticket_number}}]',
    content: `Hi {{customer.name}},\n\nI’m glad we could help with “{{ticket.subject}}”. I will close ticket {{ticket.ticket_number}} now; if anything else comes up, just reply to this e-mail and it opens again.\n\n${SIGN_EN}`,
    language: 'en',
    categories: ['orders', 'delivery', 'billing', 'account'],
  },
  {
    name: 'Abschluss: noch Fragen?',
    subject: 'Re: {{ticket.subject}} [{{ticket.ticket_number}}]',
    content: `Hallo {{customer.name}},\n\nschön, dass wir bei „{{ticket.subject}}“ helfen konnten. Ich schließe das Ticket {{ticket.ticket_number}} jetzt; falls noch etwas ist, antworten Sie einfach auf diese E-Mail, dann öffnet es sich wieder.\n\n${SIGN_DE}`,
    language: 'de',
    categories: ['orders', 'delivery', 'billing', 'account'],
  },
];

/** Inserts the templates and their category links; usage counts are made up but fixed. */
export async function seedDemoTemplates(tx: Tx, refs: DemoRefs): Promise<number> {
  const workspace_id = refs.workspaceId;
  for (const [i, t] of DEMO_TEMPLATES.entries()) {
    const row = await tx
      .insertInto('ticket_templates')
      .values({
        workspace_id,
        name: t.name,
        subject: t.subject,
        content: t.content,
        language: t.language,
        usage_count: t.language === 'en' ? 40 - i * 3 : 14 - i,
        created_by_id: refs.staff.admin.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('ticket_template_categories')
      .values(
        t.categories.map((slug) => ({
          workspace_id,
          template_id: row.id,
          category_id: refs.categories[slug],
        })),
      )
      .execute();
  }
  return DEMO_TEMPLATES.length;
}
