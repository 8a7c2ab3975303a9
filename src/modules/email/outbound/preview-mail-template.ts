/**
 * The admins' live preview of a customer-mail template: the wording being edited (or the one in use),
 * rendered exactly as queue-customer-mail.ts (queue-auth-mail.ts for account mails) renders a real mail —
 * same placeholders, same escaping, same subject line — with a sample ticket of the workspace (its name
 * and first mailbox's signature), or a sample link.
 * Saves nothing; an unknown placeholder is refused (400) as on save.
 */
import { AUTH_MAIL_KINDS, type AuthMailKind } from '../../../db/schema.js';
import type { MailTemplateText } from './default-templates.js';
import { authMailSubject, authMailValues } from './queue-auth-mail.js';
import { getMailTemplate, type MailTemplateContext } from './mail-templates.js';
import {
  assertKnownMailPlaceholders,
  NO_MAIL_VALUES,
  renderHtml,
  renderText,
  type MailValues,
} from './render-mail.js';
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

/** How long each link lives (modules/auth: the login link 15 minutes, a reset an hour, an invitation a week). */
const SAMPLE_LINK_MINUTES: Record<AuthMailKind, number> = {
  login_link: 15,
  signup_confirmation: 15,
  signup_existing_account: 15,
  password_reset: 60,
  staff_invitation: 7 * 24 * 60,
  staff_password_reset: 60,
};

const isAuthMailKind = (kind: string): kind is AuthMailKind =>
  (AUTH_MAIL_KINDS as readonly string[]).includes(kind);

/** A link of the real shape with a made-up token (it opens nothing). */
function sampleLink(publicUrl: string, kind: AuthMailKind, slug: string): string {
  const query = new URLSearchParams({ token: 'sample-token', workspace: slug }).toString();
  if (kind === 'password_reset') return `${publicUrl}/portal/password/reset?${query}`;
  if (kind.startsWith('staff_')) return `${publicUrl}/account/password?${query}`;
  return `${publicUrl}/api/auth/customer/magic-link/consume?${query}`;
}

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
    .select(['name', 'slug', 'ticket_prefix'])
    .where('id', '=', ctx.workspaceId)
    .executeTakeFirstOrThrow();
  const mailbox = await ctx.tx
    .selectFrom('mailboxes')
    .select('signature')
    .where('workspace_id', '=', ctx.workspaceId)
    .orderBy('id')
    .executeTakeFirst();
  const sample = SAMPLE[current.language];
  const branding = await brandingValues(ctx.tx, ctx.workspaceId, ctx.publicUrl);
  if (isAuthMailKind(current.kind)) {
    const values = authMailValues(
      current.kind,
      current.language,
      {
        to: 'customer@example.com',
        name: current.kind.startsWith('staff_') ? sample.agent : sample.customer,
        link: sampleLink(ctx.publicUrl, current.kind, workspace.slug),
        linkMinutes: SAMPLE_LINK_MINUTES[current.kind],
        workspaceName: workspace.name,
      },
      branding,
    );
    return {
      subject: authMailSubject(current.kind, current.language, values),
      text_body: renderText(text, values),
      html_body: renderHtml(html, values),
    };
  }
  const number = `${workspace.ticket_prefix}-1042`;
  const values: MailValues = {
    ...NO_MAIL_VALUES,
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
    ...branding,
  };
  return {
    subject: `[#${number}] ${sample.subject}`,
    text_body: renderText(text, values),
    html_body: renderHtml(html, values),
  };
}
