/**
 * The public help centre, server-rendered: /kb/<workspace>/<language>/… pages that need no JavaScript,
 * with a sitemap. Like the SPA's routes they declare `access: 'public'`; the workspace comes from the
 * path, not from a header. Everything a visitor may not see (drafts, archived articles, inactive
 * categories, other workspaces) answers the same 404 page as what does not exist.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { asSystem, inWorkspace, type Tx } from '../../../db/tenant.js';
import { findWorkspaceBySlug } from '../../../platform/auth/repository.js';
import type { WorkspaceRef } from '../../../platform/auth/principal.js';
import type { AppDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { createRateLimiter, type RateLimiter } from '../../../platform/auth/rate-limit.js';
import { hashToken } from '../../../platform/auth/secrets.js';
import { getPublicArticle } from '../get-public-article.js';
import { isVisible } from '../public-kb.js';
import { findBySlug } from '../repository.js';
import { KB_RATE_LIMITS, type KbRateLimits } from '../routes.js';
import { identifyVisitor, type Visitor } from '../visitor.js';
import { voteOnArticle } from '../vote-article.js';
import { renderArticlePage, type Vote } from './article-page.js';
import { renderCategoryPage } from './category-page.js';
import { renderBarePage, renderNotFoundPage } from './error-page.js';
import { renderHomePage } from './home-page.js';
import { CACHE, crossSite, sendCached } from './http.js';
import { renderSearchPage } from './search-page.js';
import { findCategory, loadSiteContext, negotiateLanguage, type SiteContext } from './site-context.js';
import { renderSitemap } from './sitemap.js';

const LANGUAGE = /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/i;
const SLUG = /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,254}$/u;

interface SiteParams {
  workspace: string;
  language: string;
}

/** A page that does not exist (or may not be shown): the error handler renders the site's 404 page. */
class PageNotFound extends Error {
  constructor(
    readonly site: SiteContext | null,
    readonly language: string,
  ) {
    super('page not found');
  }
}

/** Register with `{ prefix: '/kb' }`: the plugin's 404 page covers everything under it. */
export async function helpCentreRoutes(
  app: FastifyInstance,
  opts: { deps: AppDeps; limits?: KbRateLimits; limiter?: RateLimiter },
): Promise<void> {
  const { deps } = opts;
  // The same limits as the JSON API's votes and recorded misses, counted per client here.
  const limits = opts.limits ?? KB_RATE_LIMITS;
  const limiter = opts.limiter ?? createRateLimiter();
  const clientKey = (request: FastifyRequest) => hashToken(request.ip).slice(0, 32);
  const mayRecordMiss = (request: FastifyRequest): boolean => {
    try {
      limiter.hit([{ key: `kb-site-miss:${clientKey(request)}`, limit: limits.misses }]);
      return true;
    } catch {
      return false;
    }
  };
  const visitorOf = (request: FastifyRequest, workspaceId: number): Visitor => {
    const ua = request.headers['user-agent'];
    return identifyVisitor(
      deps.config.sessionSecret,
      { workspaceId, ip: request.ip, userAgent: typeof ua === 'string' ? ua : '' },
      deps.now(),
    );
  };
  const origin = deps.config.publicUrl;
  const config = { access: 'public' as const };
  const schema = { hide: true };

  // HTML forms post url-encoded fields; only this plugin accepts them.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  app.setErrorHandler((err: Error, request, reply) => {
    if (err instanceof PageNotFound) {
      const body = err.site ? renderNotFoundPage(err.site, err.language) : renderBarePage(404, err.language);
      return sendCached(request, reply, body, { type: 'html', cache: CACHE.error, status: 404 });
    }
    const status =
      err instanceof AppError ? err.status : ((err as { statusCode?: number }).statusCode ?? 500);
    if (status === 404)
      return sendCached(request, reply, renderBarePage(404), { type: 'html', cache: CACHE.error, status });
    if (err instanceof AppError && err.code === 'RATE_LIMITED') {
      return reply
        .status(429)
        .header('Retry-After', String(Math.ceil(err.extra.retryAfterSeconds ?? 60)))
        .header('Cache-Control', CACHE.none)
        .type('text/html; charset=utf-8')
        .send(renderBarePage(429));
    }
    if (status >= 400 && status < 500) {
      return reply
        .status(status)
        .header('Cache-Control', CACHE.none)
        .type('text/html; charset=utf-8')
        .send(renderBarePage(400));
    }
    request.log.error({ err }, 'help centre page failed');
    return reply
      .status(500)
      .header('Cache-Control', CACHE.none)
      .type('text/html; charset=utf-8')
      .send(renderBarePage(500));
  });
  app.setNotFoundHandler((request, reply) =>
    sendCached(request, reply, renderBarePage(404), { type: 'html', cache: CACHE.error, status: 404 }),
  );

  async function workspaceOf(slug: string): Promise<WorkspaceRef> {
    const ws = /^[a-z0-9][a-z0-9-]{0,62}$/i.test(slug)
      ? await asSystem(deps.db, (tx) => findWorkspaceBySlug(tx, slug.toLowerCase()))
      : undefined;
    if (!ws) throw new PageNotFound(null, 'en');
    return ws;
  }

  /** Runs `fn` with the site of the path's workspace and its language, or answers 404. */
  async function withSite<T>(
    params: SiteParams,
    fn: (site: SiteContext, language: string, tx: Tx) => Promise<T>,
  ): Promise<T> {
    const ws = await workspaceOf(params.workspace);
    return inWorkspace(deps.db, ws.id, async (tx) => {
      const site = await loadSiteContext(tx, ws, origin);
      const language = LANGUAGE.test(params.language)
        ? site.languages.find((l) => l.toLowerCase() === params.language.toLowerCase())
        : undefined;
      if (!language) throw new PageNotFound(site, ws.default_language);
      return fn(site, language, tx);
    });
  }

  const html = (request: FastifyRequest, reply: FastifyReply, body: string, cache: string) =>
    sendCached(request, reply, body, { type: 'html', cache });

  app.get<{ Params: { workspace: string } }>('/:workspace', { config, schema }, async (request, reply) => {
    const ws = await workspaceOf(request.params.workspace);
    const site = await inWorkspace(deps.db, ws.id, (tx) => loadSiteContext(tx, ws, origin));
    const language = negotiateLanguage(site, request.headers['accept-language']);
    return reply
      .header('Vary', 'Accept-Language')
      .header('Cache-Control', CACHE.listing)
      .redirect(site.paths.home(language), 302);
  });

  app.get<{ Params: { workspace: string }; Querystring: { after?: string } }>(
    '/:workspace/sitemap.xml',
    { config, schema },
    async (request, reply) => {
      const ws = await workspaceOf(request.params.workspace);
      const raw = request.query.after;
      if (raw !== undefined && !/^\d{1,15}$/.test(raw))
        throw new AppError('VALIDATION_FAILED', 'after: not a page');
      const body = await inWorkspace(deps.db, ws.id, async (tx) =>
        renderSitemap(tx, await loadSiteContext(tx, ws, origin), raw === undefined ? undefined : Number(raw)),
      );
      return sendCached(request, reply, body, { type: 'xml', cache: CACHE.sitemap });
    },
  );

  app.get<{ Params: SiteParams }>('/:workspace/:language', { config, schema }, async (request, reply) => {
    const body = await withSite(request.params, (site, language, tx) => renderHomePage(tx, site, language));
    return html(request, reply, body, CACHE.listing);
  });

  app.get<{ Params: SiteParams; Querystring: { q?: string; cursor?: string } }>(
    '/:workspace/:language/search',
    { config, schema },
    async (request, reply) => {
      const q = typeof request.query.q === 'string' ? request.query.q : '';
      const cursor = typeof request.query.cursor === 'string' ? request.query.cursor : undefined;
      const body = await withSite(request.params, (site, language, tx) =>
        renderSearchPage(tx, site, language, q, cursor, {
          now: deps.now(),
          recordMiss: !cursor && q.trim() !== '' && mayRecordMiss(request),
        }),
      );
      return html(request, reply, body, CACHE.search);
    },
  );

  app.get<{ Params: SiteParams & { slug: string }; Querystring: { after?: string } }>(
    '/:workspace/:language/category/:slug',
    { config, schema },
    async (request, reply) => {
      const body = await withSite(request.params, (site, language, tx) => {
        const category = findCategory(site, language, request.params.slug);
        if (!category) throw new PageNotFound(site, language);
        return renderCategoryPage(tx, site, category, request.query.after);
      });
      return html(request, reply, body, CACHE.listing);
    },
  );

  app.get<{ Params: SiteParams & { slug: string }; Querystring: { voted?: string } }>(
    '/:workspace/:language/:slug',
    { config, schema },
    async (request, reply) => {
      const { slug } = request.params;
      const vote: Vote =
        request.query.voted === 'yes' || request.query.voted === 'no' ? request.query.voted : null;
      const answer = await withSite(request.params, async (site, language, tx) => {
        if (!SLUG.test(slug)) throw new PageNotFound(site, language);
        // Counted like the API counts (first view of the day per visitor, never crawlers); staff
        // previewing and HEAD requests are not readers.
        const reader = request.method === 'GET' && request.principal?.kind !== 'staff';
        const article = await getPublicArticle(tx, {
          workspaceId: site.workspace.id,
          slug,
          language,
          visitor: reader ? visitorOf(request, site.workspace.id) : null,
        }).catch((err: unknown) => {
          throw err instanceof AppError && err.code === 'NOT_FOUND' ? new PageNotFound(site, language) : err;
        });
        // An old slug, or a slug of another language's article: send the reader to the canonical page
        // (permanently for a rename, temporarily for a language the article is not written in).
        if (article.slug !== slug || article.language !== language) {
          const status = article.language === language ? 301 : 302;
          return { kind: 'moved' as const, to: site.paths.article(article.language, article.slug), status };
        }
        return { kind: 'page' as const, page: renderArticlePage(site, article, vote) };
      });
      if (answer.kind === 'moved') {
        return reply.header('Cache-Control', CACHE.listing).redirect(answer.to, answer.status);
      }
      return html(request, reply, answer.page, vote ? CACHE.none : CACHE.article);
    },
  );

  app.post<{ Params: SiteParams & { slug: string }; Body: Record<string, string> | undefined }>(
    '/:workspace/:language/:slug/helpful',
    // The form posts without a CSRF header (no JavaScript); the vote belongs to the visitor, not to a
    // session, and cross-site posts are refused below.
    { config: { ...config, skipCsrf: true }, schema },
    async (request, reply) => {
      if (crossSite(request, origin)) throw new AppError('FORBIDDEN', 'cross-site form');
      const helpful = request.body?.helpful;
      if (helpful !== 'yes' && helpful !== 'no')
        throw new AppError('VALIDATION_FAILED', 'helpful: yes or no');
      limiter.hit([{ key: `kb-site-vote:${clientKey(request)}`, limit: limits.votes }]);
      const target = await withSite(request.params, async (site, language, tx) => {
        const ws = site.workspace.id;
        const article = SLUG.test(request.params.slug)
          ? await findBySlug(tx, ws, language, request.params.slug)
          : undefined;
        if (!article || !isVisible(site.kb, article)) throw new PageNotFound(site, language);
        await voteOnArticle(tx, {
          workspaceId: ws,
          articleId: article.id,
          helpful: helpful === 'yes',
          voterHash: visitorOf(request, ws).voteHash,
          now: deps.now(),
        });
        return site.paths.article(language, article.slug);
      });
      return reply.header('Cache-Control', CACHE.none).redirect(`${target}?voted=${helpful}#feedback`, 303);
    },
  );
}
