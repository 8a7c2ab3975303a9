/** Article rows → API shapes: what staff see, and what the public help centre sees. */
import { tagList } from './article-input.js';
import type { ArticleRow, TranslationRow } from './repository.js';
import { renderMarkdown } from './render-markdown.js';

/** Rows written without rendered HTML (bulk imports) are rendered when read. */
function htmlOf(r: ArticleRow): string {
  return r.content_html || (r.content ? renderMarkdown(r.content).html : '');
}

function categoryOf(r: ArticleRow) {
  return r.category_id !== null
    ? { id: r.category_id, name: r.category_name ?? '', slug: r.category_slug ?? '' }
    : null;
}

/** One article as staff see it: Markdown source, every translation, earlier slugs. */
export function presentAdminArticle(
  r: ArticleRow,
  translations: readonly TranslationRow[],
  previousSlugs: readonly string[],
) {
  return {
    id: r.id,
    title: r.title,
    slug: r.slug,
    language: r.language,
    status: r.status,
    content: r.content,
    content_html: htmlOf(r),
    excerpt: r.excerpt,
    meta_description: r.meta_description,
    tags: tagList(r.tags),
    category: categoryOf(r),
    author: r.author_id !== null ? { id: r.author_id, name: r.author_name ?? '' } : null,
    translation_group: r.translation_group_id,
    translations: translations
      .filter((t) => t.id !== r.id)
      .map((t) => ({ id: t.id, language: t.language, slug: t.slug, title: t.title, status: t.status })),
    previous_slugs: [...previousSlugs],
    view_count: r.view_count,
    helpful_count: r.helpful_count,
    not_helpful_count: r.not_helpful_count,
    published_at: r.published_at?.toISOString() ?? null,
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
  };
}

export type AdminArticleView = ReturnType<typeof presentAdminArticle>;

/** An article in a public list: no body. */
export function presentPublicSummary(r: ArticleRow) {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    language: r.language,
    excerpt: r.excerpt,
    tags: tagList(r.tags),
    category: categoryOf(r),
    published_at: r.published_at?.toISOString() ?? null,
    updated_at: r.updated_at.toISOString(),
    view_count: r.view_count,
    helpful_count: r.helpful_count,
    not_helpful_count: r.not_helpful_count,
  };
}

export type PublicArticleSummary = ReturnType<typeof presentPublicSummary>;

/** One public article: the rendered body, the translations a visitor may switch to. */
export function presentPublicArticle(
  r: ArticleRow,
  extra: {
    translations: readonly TranslationRow[];
    breadcrumbs: readonly { id: number; name: string; slug: string }[];
    related: readonly ArticleRow[];
    requestedLanguage: string;
    languageFallback: boolean;
    redirectedFrom: string | null;
    yourVote: boolean | null;
  },
) {
  return {
    ...presentPublicSummary(r),
    content_html: htmlOf(r),
    meta_description: r.meta_description || r.excerpt,
    breadcrumbs: [...extra.breadcrumbs],
    translations: extra.translations
      .filter((t) => t.id !== r.id)
      .map((t) => ({ language: t.language, slug: t.slug, title: t.title })),
    related: extra.related.map((a) => ({ id: a.id, slug: a.slug, title: a.title, excerpt: a.excerpt })),
    requested_language: extra.requestedLanguage,
    language_fallback: extra.languageFallback,
    redirected_from: extra.redirectedFrom,
    your_vote: extra.yourVote,
  };
}

export type PublicArticleView = ReturnType<typeof presentPublicArticle>;
