/**
 * The admins' live preview of a customer-mail template: the wording being edited (or the one in use),
 * rendered exactly as queue-customer-mail.ts renders a real mail — same placeholders, same escaping,
 * same subject line — with a sample ticket of the workspace (its name and first mailbox's signature).
 * Saves nothing; an unknown placeholder is refused (400) as on save.
 */
import type { MailTemplateText } from './default-templates.js';
import { getMailTemplate, type MailTemplateContext } from './mail-templates.js';
import { assertKnownMailPlaceholders, renderHtml, renderText, type MailValues } from './render-mail.js';
import { brandingValues } from './mail-branding.js';

export interface MailPreview {
  subject: string;
  text_body: string;
  html_body: string;
}

const SAMPLE = {
  en: { customer: 'Jane Doe', subject: 'My order has not arrived', agent: 'Alex Agent' },
  de: { customer: 'Erika Mustermann', subject: 'Meine Bestellung ist nicht angekommen', agent: 'Alex Agent' },
} as const;

const SAMPLE_REPLY = {
  en: 'Thank you for your patience.\nYour parcel left our warehouse today; you will find the tracking link in your account.',
  de: 'Vielen Dank für Ihre Geduld.\nIhr Paket hat heute unser Lager verlassen; den Sendungslink finden Sie in Ihrem Konto.',
} as const;

/** Renders `draft` (omitted parts: the template in use) for a sample ticket. */
export async function previewMailTemplate(
  ctx: MailTemplateContext & { publicUrl: string },
  kind: string,
  language: string,
  draft: Partial<MailTemplateText>,
): Promise<MailPreview> {
  const current = await getMailTemplate(ctx, kind, language);
  const text = draft.text_body ?? current.text_body;
  const html = draft.html_body ?? current.html_body;
  assertKnownMailPlaceholders(text, 'text_body');
  assertKnownMailPlaceholders(html, 'html_body');

  const workspace = await ctx.tx
    .selectFrom('workspaces')
    .select(['name', 'ticket_prefix'])
    .where('id', '=', ctx.workspaceId)
    .executeTakeFirstOrThrow();
  const mailbox = await ctx.tx
    .selectFrom('mailboxes')
    .select('signature')
    .where('workspace_id', '=', ctx.workspaceId)
    .orderBy('id')
    .executeTakeFirst();
  const sample = SAMPLE[current.language];
  const number = `${workspace.ticket_prefix}-1042`;
  const values: MailValues = {
    'customer.name': sample.customer,
    'customer.email': 'customer@example.com',
    'ticket.number': number,
    'ticket.subject': sample.subject,
    'ticket.status': current.kind === 'resolved' ? 'resolved' : 'open',
    'agent.name': sample.agent,
    'message.text': current.kind === 'reply' ? SAMPLE_REPLY[current.language] : sample.subject,
    'portal.link': `${ctx.publicUrl}/app/tickets/${encodeURIComponent(number)}`,
    'workspace.name': workspace.name,
    'mailbox.signature': mailbox?.signature ?? '',
    ...(await brandingValues(ctx.tx, ctx.workspaceId, ctx.publicUrl)),
  };
  return {
    subject: `[#${number}] ${sample.subject}`,
    text_body: renderText(text, values),
    html_body: renderHtml(html, values),
  };
}
