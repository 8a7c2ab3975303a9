/**
 * The public knowledge base under /api/support/kb/ (anonymous; the workspace is named by X-Workspace or
 * ?workspace=, or is the only one): articles, categories, search, helpful votes, and the ticket form's
 * suggestions and deflection events. Public writes are rate-limited per client; no IP is stored.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { workspaceOf } from '../../platform/auth/access.js';
import { createRateLimiter, type RateLimit, type RateLimiter } from '../../platform/auth/rate-limit.js';
import { hashToken } from '../../platform/auth/secrets.js';
import type { AppDeps } from '../../platform/deps.js';

import { DEFAULT_LIMIT } from '../../platform/pagination.js';
import { getPublicArticle } from './get-public-article.js';
import { listPublicArticles, listPublicCategories, type PublicListRequest } from './list-public-articles.js';
import { languageFor, loadPublicKb, visibleCategory } from './public-kb.js';
import { recordDeflectionEvent, type DeflectionInput } from './record-deflection-event.js';
import * as s from './schema.js';
import { searchArticles } from './search-articles.js';
import { suggestArticles } from './suggest-articles.js';
import { identifyVisitor } from './visitor.js';
import { voteOnArticle } from './vote-article.js';

export interface KbRateLimits {
  votes: RateLimit;
  deflection: RateLimit;
  /** Searches that found nothing are recorded at most this often per client (searching goes on). */
  misses: RateLimit;
}

export const KB_RATE_LIMITS: KbRateLimits = {
  votes: { max: 30, windowMs: 10 * 60_000 },
  deflection: { max: 120, windowMs: 10 * 60_000 },
  misses: { max: 30, windowMs: 10 * 60_000 },
};

const TAGS = ['knowledge base'];

function clientKey(request: FastifyRequest): string {
  // Hashed so that not even the process memory keeps addresses longer than a window.
  return hashToken(`${request.ip}`).slice(0, 32);
}

function languageRequest(request: FastifyRequest, language: string | undefined) {
  const accept = request.headers['accept-language'];
  return { language, acceptLanguage: typeof accept === 'string' ? accept : undefined };
}

/** Whether the client may still add a search miss (never throws). */
function mayRecordMiss(limiter: RateLimiter, limits: KbRateLimits, request: FastifyRequest): boolean {
  try {
    limiter.hit([{ key: `kb-miss:${clientKey(request)}`, limit: limits.misses }]);
    return true;
  } catch {
    return false;
  }
}

export async function kbRoutes(
  app: FastifyInstance,
  opts: { deps: AppDeps; limits?: KbRateLimits; limiter?: RateLimiter },
): Promise<void> {
  const { deps } = opts;
  const limits = opts.limits ?? KB_RATE_LIMITS;
  const limiter = opts.limiter ?? createRateLimiter();
  app.addSchema(s.categoryNodeSchema);

  const visitorOf = (request: FastifyRequest, workspaceId: number) => {
    // Staff previewing the help centre are not readers.
    if (request.principal?.kind === 'staff') return null;
    const ua = request.headers['user-agent'];
    return identifyVisitor(
      deps.config.sessionSecret,
      { workspaceId, ip: request.ip, userAgent: typeof ua === 'string' ? ua : '' },
      deps.now(),
    );
  };

  app.get<{
    Querystring: Omit<PublicListRequest, 'workspaceId' | 'limit' | 'acceptLanguage'> & { limit?: number };
  }>(
    '/api/support/kb/',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'Published articles, newest (or most read) first; filters category, language, tag',
        security: [],
        querystring: s.listQuery,
        response: { 200: s.listResponse },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const q = request.query;
      return inWorkspace(deps.db, ws.id, (tx) =>
        listPublicArticles(tx, {
          workspaceId: ws.id,
          ...languageRequest(request, q.language),
          category: q.category,
          tag: q.tag,
          sort: q.sort,
          limit: q.limit ?? DEFAULT_LIMIT,
          cursor: q.cursor,
        }),
      );
    },
  );

  app.get<{ Querystring: { language?: string } }>(
    '/api/support/kb/categories/',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'The category tree of a language, with published-article counts',
        security: [],
        querystring: s.categoriesQuery,
        response: { 200: s.categoriesResponse },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      return inWorkspace(deps.db, ws.id, (tx) =>
        listPublicCategories(tx, { workspaceId: ws.id, ...languageRequest(request, request.query.language) }),
      );
    },
  );

  app.get<{
    Querystring: {
      q: string;
      language?: string;
      category?: string;
      tag?: string;
      limit?: number;
      cursor?: string;
    };
  }>(
    '/api/support/kb/search/',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'Search: ranked results with highlighted snippets, typo correction, "did you mean"',
        description:
          'Web-search syntax ("phrase", OR, -word); the last word may be unfinished. Every word must match ' +
          'first; with fewer than 3 results any word may, misspelt words are corrected (`corrected`, ' +
          '`corrected_query`), and as a last resort titles with a similar word answer.',
        security: [],
        querystring: s.searchQuery,
        response: { 200: s.searchResponse },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const q = request.query;
      return inWorkspace(deps.db, ws.id, async (tx) => {
        const kb = await loadPublicKb(tx, ws.id);
        const choice = languageFor(kb, languageRequest(request, q.language));
        const found = await searchArticles(tx, {
          workspaceId: ws.id,
          query: q.q,
          language: choice.language,
          ...(q.category ? { categoryId: visibleCategory(kb, q.category, choice.language).id } : {}),
          ...(q.tag ? { tag: q.tag } : {}),
          limit: q.limit ?? DEFAULT_LIMIT,
          ...(q.cursor ? { cursor: q.cursor } : {}),
          recordMiss: !q.cursor && mayRecordMiss(limiter, limits, request),
          now: deps.now(),
        });
        return {
          language: choice.language,
          requested_language: choice.requested,
          language_fallback: choice.fallback,
          results: found.hits,
          corrected: found.corrected,
          corrected_query: found.corrected_query,
          next_cursor: found.next_cursor,
        };
      });
    },
  );

  app.get<{ Querystring: { subject: string; description: string; language?: string } }>(
    '/api/support/kb/suggest/',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'Up to five articles that may answer a ticket being written (subject + description)',
        security: [],
        querystring: s.suggestQuery,
        response: { 200: s.suggestResponse },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const q = request.query;
      return inWorkspace(deps.db, ws.id, async (tx) => {
        const kb = await loadPublicKb(tx, ws.id);
        const choice = languageFor(kb, languageRequest(request, q.language));
        const found = await suggestArticles(tx, {
          workspaceId: ws.id,
          subject: q.subject,
          description: q.description,
          language: choice.language,
        });
        return {
          language: choice.language,
          requested_language: choice.requested,
          language_fallback: choice.fallback,
          ...found,
        };
      });
    },
  );

  app.post<{ Body: DeflectionInput }>(
    '/api/support/kb/deflection/',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'Record a ticket-form deflection event (once per kind, article and session)',
        security: [],
        body: s.deflectionBody,
        response: { 202: s.deflectionResponse },
      },
      preHandler: async (request) => {
        limiter.hit([{ key: `kb-deflection:${clientKey(request)}`, limit: limits.deflection }]);
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const recorded = await inWorkspace(deps.db, ws.id, (tx) =>
        recordDeflectionEvent(tx, ws.id, request.body, deps.now()),
      );
      return reply.status(202).send({ recorded });
    },
  );

  app.get<{ Params: { slug: string }; Querystring: { language?: string } }>(
    '/api/support/kb/:slug/',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'One published article by slug (?language=); counts a view',
        description:
          'An old slug answers 200 with the article and `redirected_from` (link to `slug`). A slug of ' +
          'another language answers the translation in the requested language, else the default ' +
          'language’s (`language_fallback: true`). A visitor’s first view of the day is counted.',
        security: [],
        params: s.slugParams,
        querystring: s.articleQuery,
        response: { 200: s.articleResponse },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      return inWorkspace(deps.db, ws.id, (tx) =>
        getPublicArticle(tx, {
          workspaceId: ws.id,
          slug: request.params.slug,
          ...languageRequest(request, request.query.language),
          visitor: visitorOf(request, ws.id),
        }),
      );
    },
  );

  app.post<{ Params: { id: number }; Body: { helpful: boolean } }>(
    '/api/support/kb/:id/helpful/',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'Vote an article helpful or not (one vote per visitor; voting again changes it)',
        security: [],
        params: s.idParams,
        body: s.helpfulBody,
        response: { 200: s.helpfulResponse },
      },
      preHandler: async (request) => {
        limiter.hit([{ key: `kb-vote:${clientKey(request)}`, limit: limits.votes }]);
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const ua = request.headers['user-agent'];
      const visitor = identifyVisitor(
        deps.config.sessionSecret,
        { workspaceId: ws.id, ip: request.ip, userAgent: typeof ua === 'string' ? ua : '' },
        deps.now(),
      );
      return inWorkspace(deps.db, ws.id, (tx) =>
        voteOnArticle(tx, {
          workspaceId: ws.id,
          articleId: request.params.id,
          helpful: request.body.helpful,
          voterHash: visitor.voteHash,
          now: deps.now(),
        }),
      );
    },
  );
}
