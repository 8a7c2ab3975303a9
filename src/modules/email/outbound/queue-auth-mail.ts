/**
 * Queues one account mail — a login link, a sign-up confirmation, a password link — in the caller's
 * transaction, rendered like the ticket mails: the workspace's own template for the kind and language or
 * the default, text and HTML part, with the workspace's name, logo and accent colour. The language is the
 * recipient's when known, else the workspace's. The link is only ever in the mail, never logged.
 */
import type { AuthMailKind } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import type { JobQueue } from '../../../platform/jobs/queue.js';
import { queueEmail } from '../../../platform/mail/queue-email.js';
import { AUTH_MAIL_SUBJECTS, linkLifetimeText } from './default-auth-templates.js';
import { mailLanguageOf, type MailLanguage } from './default-templates.js';
import { brandingValues } from './mail-branding.js';
import { mailTemplateFor } from './mail-templates.js';
import { NO_MAIL_VALUES, renderHtml, renderText, type MailValues } from './render-mail.js';

export interface AuthMailInput {
  workspaceId: number;
  kind: AuthMailKind;
  /** The recipient's language ('en', 'de'…); '' when not known: the workspace's default language. */
  language: string;
  to: string;
  /** The recipient's name; '' greets them by address. */
  name: string;
  link: string;
  /** How long the link works. */
  linkMinutes: number;
  /** Who invited a staff member; default "An administrator" in the mail's language. */
  inviter?: string;
}

const STAFF_KINDS: ReadonlySet<AuthMailKind> = new Set(['staff_invitation', 'staff_password_reset']);
const SOMEBODY = { en: 'An administrator', de: 'Ein Administrator' } as const;

/** The values of an account mail's placeholders (shared with the admins' preview). */
export function authMailValues(
  kind: AuthMailKind,
  language: MailLanguage,
  input: Pick<AuthMailInput, 'to' | 'name' | 'link' | 'linkMinutes' | 'inviter'> & { workspaceName: string },
  branding: Pick<MailValues, 'workspace.accent_color' | 'workspace.logo'>,
): MailValues {
  const name = input.name || input.to;
  return {
    ...NO_MAIL_VALUES,
    ...(STAFF_KINDS.has(kind)
      ? { 'user.name': name }
      : { 'customer.name': name, 'customer.email': input.to }),
    'inviter.name': input.inviter || SOMEBODY[language],
    'link.url': input.link,
    'link.expires_in': linkLifetimeText(input.linkMinutes, language),
    'workspace.name': input.workspaceName,
    ...branding,
  };
}

/** The subject line of an account mail. */
export function authMailSubject(kind: AuthMailKind, language: MailLanguage, values: MailValues): string {
  return renderText(AUTH_MAIL_SUBJECTS[language][kind], values).slice(0, 998);
}

/** Queues the mail through `tx`: it exists, and is sent, only if the caller's transaction commits. */
export async function queueAuthMail(
  tx: Tx,
  deps: { jobs: JobQueue; publicUrl: string },
  input: AuthMailInput,
): Promise<void> {
  const workspace = await tx
    .selectFrom('workspaces')
    .select(['name', 'default_language'])
    .where('id', '=', input.workspaceId)
    .executeTakeFirstOrThrow();
  const language = mailLanguageOf(input.language || workspace.default_language);
  const template = await mailTemplateFor(tx, input.workspaceId, input.kind, language);
  const values = authMailValues(
    input.kind,
    language,
    { ...input, workspaceName: workspace.name },
    await brandingValues(tx, input.workspaceId, deps.publicUrl),
  );
  await queueEmail(tx, deps.jobs, {
    workspaceId: input.workspaceId,
    to: input.to,
    subject: authMailSubject(input.kind, language, values),
    text: renderText(template.text_body, values),
    html: renderHtml(template.html_body, values),
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
}
