/**
 * Knowledge-base authoring under /api/support/admin/kb/: categories and articles (staff read and write,
 * admins delete), drafting an article from a resolved ticket, and the searches that found nothing.
 */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { staffOf, workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { registerCrudRoutes } from '../../platform/http/crud-routes.js';
import { DEFAULT_LIMIT } from '../../platform/pagination.js';
import * as s from './admin-schema.js';
import type { ArticleInput } from './article-input.js';
import { createArticle } from './create-article.js';
import { createKbCategory, type KbCategoryInput } from './create-kb-category.js';
import { deleteArticle } from './delete-article.js';
import { deleteKbCategory } from './delete-kb-category.js';
import { draftArticleFromTicket, type DraftFromTicketInput } from './draft-from-ticket.js';
import { getAdminArticle, listAdminArticles, type AdminArticleQuery } from './get-article.js';
import { getKbCategory, listKbCategories } from './list-kb-categories.js';
import { deflectionStats } from './deflection-stats.js';
import { deriveExcerpt, renderMarkdown } from './render-markdown.js';
import { relatedArticlesForTicket } from './related-articles.js';
import { deleteSearchMiss, listSearchMisses } from './search-misses.js';
import { updateArticle } from './update-article.js';
import { updateKbCategory } from './update-kb-category.js';

const BASE = '/api/support/admin/kb/';

export async function kbAdminRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;

  registerCrudRoutes<
    unknown,
    number,
    KbCategoryInput & { name: string },
    KbCategoryInput,
    {
      language?: string;
      parent?: number;
      root?: boolean;
    }
  >(app, deps, {
    base: `${BASE}categories/`,
    tag: 'admin: knowledge base',
    writeAccess: 'staff',
    removeAccess: 'admin',
    schemas: {
      listQuery: s.listKbCategoriesQuery,
      page: s.kbCategoryPageSchema,
      view: s.kbCategorySchema,
      params: s.idParams,
      createBody: s.createKbCategoryBody,
      updateBody: s.updateKbCategoryBody,
    },
    docs: {
      list: 'Knowledge-base categories, flat with their parent, in (order, id) order',
      listDescription: '`language=` for one language’s tree; `root=true` or `parent=<id>` for one level.',
      create: 'Create a category (slug from the name; unique per workspace and language → 409)',
      get: 'One knowledge-base category',
      update: 'Change a category (omitted = unchanged; parent null = top level)',
      updateDescription:
        'A parent must have the same language. Moving a category under itself or a descendant → 422.',
      remove: 'Delete a category and its sub-categories (admins)',
      removeDescription:
        'Refused with 409 while any of them holds articles: move them, or deactivate instead.',
    },
    list: (ctx, q) => listKbCategories(ctx.tx, ctx.workspaceId, q),
    get: (ctx, id) => getKbCategory(ctx.tx, ctx.workspaceId, id),
    create: (ctx, body) => createKbCategory(ctx, body),
    update: (ctx, id, body) => updateKbCategory(ctx, id, body),
    remove: (ctx, id) => deleteKbCategory(ctx, id),
  });

  registerCrudRoutes<
    unknown,
    number,
    ArticleInput & { title: string; content: string },
    ArticleInput,
    Omit<AdminArticleQuery, 'limit' | 'cursor'>
  >(app, deps, {
    base: `${BASE}articles/`,
    tag: 'admin: knowledge base',
    writeAccess: 'staff',
    removeAccess: 'admin',
    schemas: {
      listQuery: s.listArticlesQuery,
      page: s.adminArticlePageSchema,
      view: s.adminArticleSchema,
      params: s.idParams,
      createBody: s.createArticleBody,
      updateBody: s.updateArticleBody,
    },
    docs: {
      list: 'Articles in every status, most recently changed first (or by relevance with q)',
      listDescription:
        'Filters: `status` (comma-separated), `language`, `category` (with sub-categories), `tag`, `author`, `q`.',
      create: 'Write an article (Markdown); `status: "published"` publishes at once',
      createDescription:
        'The slug comes from the title (or from the translated article with `translation_of`) and is unique ' +
        'per workspace and language (409). A blank excerpt is derived from the text. Without ' +
        '`translation_of`, an article with the same slug in another language is linked as its translation.',
      get: 'One article with its translations and earlier slugs',
      update: 'Change an article (omitted = unchanged)',
      updateDescription:
        'A changed slug keeps the old one as a redirect. Status: draft → published → archived, published → ' +
        'draft, archived → published|draft; anything else → 422. `translation_of` moves the article into ' +
        'another group (409 when that group has its language), null takes it out.',
      remove: 'Delete an article for good (admins; archiving is the reversible way)',
    },
    list: (ctx, q) => listAdminArticles(ctx.tx, ctx.workspaceId, q),
    get: (ctx, id) => getAdminArticle(ctx.tx, ctx.workspaceId, id),
    create: (ctx, body) => createArticle(ctx, body),
    update: (ctx, id, body) => updateArticle(ctx, id, body),
    remove: (ctx, id) => deleteArticle(ctx, id),
  });

  app.post<{ Params: { id: string }; Body: DraftFromTicketInput | undefined }>(
    `${BASE}articles/from-ticket/:id/`,
    {
      config: { access: 'staff', idempotent: true },
      schema: {
        tags: ['admin: knowledge base'],
        summary: 'Draft an article from a resolved ticket (question + the answers sent to the customer)',
        description:
          'Internal notes and system messages are left out; email addresses and phone numbers are masked. ' +
          'The ticket must be resolved or closed (422 otherwise).',
        params: s.ticketRefParams,
        body: {
          type: ['object', 'null'],
          properties: {
            title: { type: 'string', minLength: 1, maxLength: 255 },
            language: { type: 'string', maxLength: 10 },
            category: { type: ['integer', 'null'] },
          },
          additionalProperties: false,
        },
        response: { 201: s.adminArticleSchema },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const me = staffOf(request);
      const view = await inWorkspace(deps.db, ws.id, async (tx) => {
        const ctx = { tx, workspaceId: ws.id, userId: me.userId, now: deps.now() };
        const id = await draftArticleFromTicket(ctx, request.params.id, request.body ?? {});
        return getAdminArticle(tx, ws.id, id);
      });
      return reply.status(201).send(view);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { limit?: number } }>(
    '/api/support/tickets/:id/related-articles/',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['admin: knowledge base'],
        summary: 'Published articles most likely to answer the ticket (from its subject and first message)',
        description:
          'BM25-ranked help-centre search in the workspace language; each result carries its help-centre ' +
          '`url` for a link in a reply. Staff only.',
        params: s.ticketRefParams,
        querystring: s.relatedArticlesQuery,
        response: { 200: s.relatedArticlesResponse },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const results = await inWorkspace(deps.db, ws.id, (tx) =>
        relatedArticlesForTicket(tx, {
          workspaceId: ws.id,
          workspaceSlug: ws.slug,
          ticketRef: request.params.id,
          ...(request.query.limit ? { limit: request.query.limit } : {}),
        }),
      );
      return { results };
    },
  );

  app.get<{ Querystring: { language?: string; sort?: 'count' | 'recent'; limit?: number; cursor?: string } }>(
    `${BASE}search-misses/`,
    {
      config: { access: 'staff' },
      schema: {
        tags: ['admin: knowledge base'],
        summary: 'Searches that found nothing, most frequent (or with sort=recent, most recent) first',
        querystring: s.listSearchMissesQuery,
        response: { 200: s.searchMissPageSchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const { limit, cursor, language, sort } = request.query;
      return inWorkspace(deps.db, ws.id, (tx) =>
        listSearchMisses(tx, ws.id, {
          limit: limit ?? DEFAULT_LIMIT,
          ...(cursor ? { cursor } : {}),
          ...(language ? { language } : {}),
          ...(sort ? { sort } : {}),
        }),
      );
    },
  );

  app.delete<{ Params: { id: number } }>(
    `${BASE}search-misses/:id/`,
    {
      config: { access: 'staff' },
      schema: {
        tags: ['admin: knowledge base'],
        summary: 'Dismiss a search miss (an article answers it now)',
        params: s.idParams,
        response: { 204: { type: 'null', description: 'Dismissed' } },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      await inWorkspace(deps.db, ws.id, (tx) => deleteSearchMiss(tx, ws.id, request.params.id));
      return reply.status(204).send();
    },
  );

  app.get<{ Querystring: { from?: string; to?: string } }>(
    `${BASE}deflection/`,
    {
      config: { access: 'staff' },
      schema: {
        tags: ['admin: knowledge base'],
        summary: 'Ticket deflection: sessions shown suggestions, opened, deflected, submitted; top articles',
        description:
          'A session is deflected when it was shown suggestions and left without a ticket. Default period: ' +
          'the 30 days before `to` (default now).',
        querystring: {
          type: 'object',
          properties: {
            from: { type: 'string', format: 'date-time' },
            to: { type: 'string', format: 'date-time' },
            workspace: { type: 'string' },
          },
          additionalProperties: false,
        },
        response: { 200: s.deflectionStatsSchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      return inWorkspace(deps.db, ws.id, (tx) =>
        deflectionStats(tx, ws.id, { ...request.query, now: deps.now() }),
      );
    },
  );

  app.post<{ Body: { content: string } }>(
    `${BASE}preview/`,
    {
      config: { access: 'staff' },
      schema: {
        tags: ['admin: knowledge base'],
        summary: 'Render article Markdown as the help centre will (the editor’s live preview); saves nothing',
        description:
          'The same renderer and sanitiser as saved articles: raw HTML is not rendered, scripts, event ' +
          'handlers and javascript: links never come out.',
        body: s.previewBody,
        response: { 200: s.previewSchema },
      },
    },
    async (request) => {
      const rendered = renderMarkdown(request.body.content);
      return { html: rendered.html, excerpt: deriveExcerpt(rendered.text) };
    },
  );
}
