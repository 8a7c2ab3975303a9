/**
 * A workspace's customer-mail templates: per kind (acknowledgement, reply, resolved) and language, the
 * workspace's own text and HTML when it saved one, else the default (default-templates.ts). Saving checks
 * the placeholders; deleting returns to the default.
 */
import { MAIL_TEMPLATE_KINDS, type MailTemplateKind } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import { invalid } from '../../../platform/errors.js';
import {
  DEFAULT_MAIL_TEMPLATES,
  MAIL_LANGUAGES,
  type MailLanguage,
  type MailTemplateText,
} from './default-templates.js';
import { assertKnownMailPlaceholders } from './render-mail.js';

export interface MailTemplateView extends MailTemplateText {
  kind: MailTemplateKind;
  language: MailLanguage;
  /** False: the workspace saved its own wording. */
  is_default: boolean;
  updated_at: Date | null;
}

export interface MailTemplateContext {
  tx: Tx;
  workspaceId: number;
  userId: number;
  now: Date;
}

const MAX_BODY = 100_000;

function checkRef(kind: string, language: string): { kind: MailTemplateKind; language: MailLanguage } {
  if (!(MAIL_TEMPLATE_KINDS as readonly string[]).includes(kind)) {
    throw invalid('kind', `must be one of ${MAIL_TEMPLATE_KINDS.join(', ')}`);
  }
  if (!(MAIL_LANGUAGES as readonly string[]).includes(language)) {
    throw invalid('language', `must be one of ${MAIL_LANGUAGES.join(', ')}`);
  }
  return { kind: kind as MailTemplateKind, language: language as MailLanguage };
}

/** The template used for this kind and language in the workspace. */
export async function mailTemplateFor(
  tx: Tx,
  workspaceId: number,
  kind: MailTemplateKind,
  language: MailLanguage,
): Promise<MailTemplateView> {
  const own = await tx
    .selectFrom('mail_templates')
    .select(['text_body', 'html_body', 'updated_at'])
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', kind)
    .where('language', '=', language)
    .executeTakeFirst();
  if (own) return { kind, language, is_default: false, ...own };
  return { kind, language, is_default: true, ...DEFAULT_MAIL_TEMPLATES[language][kind], updated_at: null };
}

/** Every kind in every language, as used now. */
export async function listMailTemplates(tx: Tx, workspaceId: number): Promise<MailTemplateView[]> {
  const views: MailTemplateView[] = [];
  for (const kind of MAIL_TEMPLATE_KINDS) {
    for (const language of MAIL_LANGUAGES) views.push(await mailTemplateFor(tx, workspaceId, kind, language));
  }
  return views;
}

export function getMailTemplate(ctx: MailTemplateContext, kind: string, language: string) {
  const ref = checkRef(kind, language);
  return mailTemplateFor(ctx.tx, ctx.workspaceId, ref.kind, ref.language);
}

/** Saves the workspace's own wording (omitted part: the one used now). */
export async function saveMailTemplate(
  ctx: MailTemplateContext,
  kind: string,
  language: string,
  input: Partial<MailTemplateText>,
): Promise<MailTemplateView> {
  const ref = checkRef(kind, language);
  const current = await mailTemplateFor(ctx.tx, ctx.workspaceId, ref.kind, ref.language);
  const text = input.text_body ?? current.text_body;
  const html = input.html_body ?? current.html_body;
  for (const [path, body] of [
    ['text_body', text],
    ['html_body', html],
  ] as const) {
    if (!body.trim()) throw invalid(path, 'must not be empty');
    if (body.length > MAX_BODY) throw invalid(path, `must be at most ${MAX_BODY} characters`);
    assertKnownMailPlaceholders(body, path);
  }
  await ctx.tx
    .insertInto('mail_templates')
    .values({
      workspace_id: ctx.workspaceId,
      kind: ref.kind,
      language: ref.language,
      text_body: text,
      html_body: html,
      updated_by_id: ctx.userId,
      updated_at: ctx.now,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'kind', 'language']).doUpdateSet({
        text_body: text,
        html_body: html,
        updated_by_id: ctx.userId,
        updated_at: ctx.now,
      }),
    )
    .execute();
  return mailTemplateFor(ctx.tx, ctx.workspaceId, ref.kind, ref.language);
}

/** Back to the default wording. */
export async function resetMailTemplate(
  ctx: MailTemplateContext,
  kind: string,
  language: string,
): Promise<MailTemplateView> {
  const ref = checkRef(kind, language);
  await ctx.tx
    .deleteFrom('mail_templates')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('kind', '=', ref.kind)
    .where('language', '=', ref.language)
    .execute();
  return mailTemplateFor(ctx.tx, ctx.workspaceId, ref.kind, ref.language);
}
