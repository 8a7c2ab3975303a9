/**
 * Drafts an article from a resolved ticket: the customer's question (subject and description) and the
 * answers staff sent to the customer — never internal notes or system messages. Email addresses and
 * phone numbers are masked; the draft is for an agent to edit and publish.
 */
import { recordEvent } from '../../platform/events.js';
import { AppError, notFound } from '../../platform/errors.js';
import { slugify } from '../../platform/validation.js';
import { findTicket } from '../tickets/index.js';
import { MAX_SLUG_LENGTH } from './slugs.js';
import { createArticle, type ArticleContext } from './create-article.js';
import * as repo from './repository.js';
import { workspaceLanguage } from './search-repository.js';

const EMAIL = /[^\s@<>()[\]]+@[^\s@<>()[\]]+\.[a-z]{2,}/gi;
const PHONE = /\+?\d[\d ()/-]{7,}\d/g;

function mask(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, '[phone]').trim();
}

export interface DraftFromTicketInput {
  language?: string;
  category?: number | null;
  title?: string;
}

/** Creates the draft and returns its id; 422 unless the ticket is resolved or closed. */
export async function draftArticleFromTicket(
  ctx: ArticleContext,
  ticketRef: string,
  input: DraftFromTicketInput,
): Promise<number> {
  const { tx, workspaceId } = ctx;
  const ticket = await findTicket(tx, workspaceId, ticketRef);
  if (!ticket) throw notFound('ticket');
  if (ticket.status !== 'resolved' && ticket.status !== 'closed') {
    throw new AppError(
      'RULE_VIOLATION',
      'only a resolved or closed ticket has an answer to turn into an article',
    );
  }
  const answers = await tx
    .selectFrom('support_ticket_messages')
    .select('message')
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticket.id)
    .where('is_internal', '=', false)
    .where('is_staff_reply', '=', true)
    .where('message_type', '=', 'agent')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const title = (input.title ?? ticket.subject).trim().slice(0, 255) || `Ticket ${ticket.ticket_number}`;
  const language = input.language ?? (await workspaceLanguage(tx, workspaceId));
  const content = [
    '## Question',
    mask(ticket.description) || mask(ticket.subject),
    '## Answer',
    answers.length > 0
      ? answers.map((a) => mask(a.message)).join('\n\n')
      : '_No answer was sent to the customer._',
  ].join('\n\n');

  // The title's slug, numbered when an article already has it (the number within the length limit).
  const base = slugify(title, MAX_SLUG_LENGTH - 4) || 'article';
  let slug = base;
  for (let n = 2; await repo.slugTaken(tx, workspaceId, language.toLowerCase(), slug); n++)
    slug = `${slugify(base, MAX_SLUG_LENGTH - 1 - String(n).length)}-${n}`;

  const id = await createArticle(ctx, {
    title,
    slug,
    content,
    language,
    status: 'draft',
    ...(input.category !== undefined ? { category: input.category } : {}),
  });
  await recordEvent(tx, {
    workspaceId,
    type: 'kb.article.drafted_from_ticket',
    subjectType: 'article',
    subjectId: id,
    actor: { userId: ctx.userId },
    payload: { article_id: id, ticket_id: ticket.id, ticket_number: ticket.ticket_number },
  });
  return id;
}
