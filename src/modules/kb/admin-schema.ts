/** JSON schemas of the knowledge-base authoring endpoints: validation, serialisation, OpenAPI. */
import { ARTICLE_STATUSES } from '../../db/schema.js';
import { PAGINATION_QUERY } from '../../platform/pagination.js';
import { LANGUAGE_PATTERN } from './language.js';
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from './slugs.js';
import { nullable, pageSchema } from '../../platform/http/json-schema.js';

const summary = {
  type: 'object',
  properties: { id: { type: 'integer' }, name: { type: 'string' }, slug: { type: 'string' } },
};
const language = { type: 'string', pattern: LANGUAGE_PATTERN, description: 'e.g. "en", "de", "pt-BR"' };

export const idParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1 } },
  required: ['id'],
} as const;

// ---------------------------------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------------------------------

export const kbCategorySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    slug: { type: 'string' },
    description: { type: 'string' },
    language: { type: 'string' },
    parent: nullable(summary),
    icon: { type: 'string' },
    order: { type: 'integer' },
    is_active: { type: 'boolean' },
  },
} as const;

const categoryWritable = {
  name: { type: 'string', minLength: 1, maxLength: 100 },
  slug: { type: 'string', minLength: 1, maxLength: MAX_SLUG_LENGTH, pattern: SLUG_PATTERN },
  description: { type: 'string', maxLength: 10000 },
  parent: {
    type: ['integer', 'null'],
    description: 'parent category id (same language); null for top level',
  },
  icon: { type: 'string', maxLength: 50 },
  order: { type: 'integer', minimum: -1000000, maximum: 1000000 },
  is_active: { type: 'boolean', description: 'inactive categories and everything under them are hidden' },
  language: { ...language, maxLength: 10, description: 'default: the workspace language' },
} as const;

export const createKbCategoryBody = {
  type: 'object',
  properties: categoryWritable,
  required: ['name'],
  additionalProperties: false,
} as const;

export const updateKbCategoryBody = {
  type: 'object',
  properties: categoryWritable,
  additionalProperties: false,
} as const;

export const listKbCategoriesQuery = {
  type: 'object',
  properties: {
    ...PAGINATION_QUERY,
    language: { type: 'string', maxLength: 10 },
    parent: { type: 'integer', minimum: 1, description: 'only the children of this category' },
    root: { type: 'boolean', description: 'only top-level categories' },
    workspace: { type: 'string' },
  },
  additionalProperties: false,
} as const;

export const kbCategoryPageSchema = pageSchema(kbCategorySchema);

// ---------------------------------------------------------------------------------------------------
// Articles
// ---------------------------------------------------------------------------------------------------

export const adminArticleSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    title: { type: 'string' },
    slug: { type: 'string' },
    language: { type: 'string' },
    status: { type: 'string', enum: ARTICLE_STATUSES },
    content: { type: 'string', description: 'Markdown' },
    content_html: { type: 'string', description: 'the content rendered and sanitised' },
    excerpt: { type: 'string' },
    meta_description: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    category: nullable(summary),
    author: nullable({ type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } }),
    translation_group: { type: 'integer', description: 'shared by an article and its translations' },
    translations: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          language: { type: 'string' },
          slug: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'string' },
        },
      },
    },
    previous_slugs: { type: 'array', items: { type: 'string' }, description: 'old slugs that redirect here' },
    view_count: { type: 'integer' },
    helpful_count: { type: 'integer' },
    not_helpful_count: { type: 'integer' },
    published_at: nullable({ type: 'string', format: 'date-time' }),
    created_at: { type: 'string', format: 'date-time' },
    updated_at: { type: 'string', format: 'date-time' },
  },
} as const;

const articleWritable = {
  title: { type: 'string', minLength: 1, maxLength: 255 },
  slug: {
    type: 'string',
    minLength: 1,
    maxLength: MAX_SLUG_LENGTH,
    pattern: SLUG_PATTERN,
    description: 'default: from the title',
  },
  content: { type: 'string', maxLength: 200000, description: 'Markdown (raw HTML is not rendered)' },
  excerpt: { type: 'string', maxLength: 1000, description: 'blank: derived from the content' },
  meta_description: { type: 'string', maxLength: 500 },
  tags: {
    anyOf: [
      { type: 'array', items: { type: 'string', maxLength: 50 }, maxItems: 20 },
      { type: 'string', maxLength: 1000 },
    ],
    description: 'a list, or a comma-separated string as in the seed',
  },
  category: { type: ['integer', 'null'], description: 'category id (same language); null for none' },
  language: { ...language, maxLength: 10, description: 'default: the workspace language' },
  status: {
    type: 'string',
    enum: ARTICLE_STATUSES,
    description:
      'draft → published → archived; published may return to draft, archived to published or draft',
  },
  translation_of: {
    type: ['integer', 'null'],
    description: 'id of an article this one translates (joins its translation group); null leaves the group',
  },
  author: { type: ['integer', 'null'], description: 'user id of a workspace member; default: you' },
} as const;

export const createArticleBody = {
  type: 'object',
  properties: {
    ...articleWritable,
    status: { type: 'string', enum: ['draft', 'published'], description: 'default draft' },
  },
  required: ['title', 'content'],
  additionalProperties: false,
} as const;

export const updateArticleBody = {
  type: 'object',
  properties: articleWritable,
  additionalProperties: false,
  description: 'Omitted fields are unchanged.',
} as const;

export const listArticlesQuery = {
  type: 'object',
  properties: {
    ...PAGINATION_QUERY,
    status: { type: 'string', pattern: '^(draft|published|archived)(,(draft|published|archived))*$' },
    language: { type: 'string', maxLength: 10 },
    category: { type: 'integer', minimum: 1, description: 'with its sub-categories' },
    tag: { type: 'string', maxLength: 50 },
    author: { type: 'integer', minimum: 1 },
    q: { type: 'string', maxLength: 500, description: 'search (then ordered by relevance)' },
    workspace: { type: 'string' },
  },
  additionalProperties: false,
} as const;

export const adminArticlePageSchema = pageSchema(adminArticleSchema);

export const searchMissSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    query: { type: 'string' },
    language: { type: 'string' },
    count: { type: 'integer' },
    first_seen_at: { type: 'string', format: 'date-time' },
    last_seen_at: { type: 'string', format: 'date-time' },
  },
} as const;

export const listSearchMissesQuery = {
  type: 'object',
  properties: {
    ...PAGINATION_QUERY,
    language: { type: 'string', maxLength: 10 },
    sort: { type: 'string', enum: ['count', 'recent'], default: 'count' },
    workspace: { type: 'string' },
  },
  additionalProperties: false,
} as const;

export const searchMissPageSchema = pageSchema(searchMissSchema);

export const deflectionStatsSchema = {
  type: 'object',
  properties: {
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time' },
    sessions_with_suggestions: { type: 'integer' },
    sessions_opened_article: { type: 'integer' },
    sessions_deflected: { type: 'integer' },
    sessions_submitted_ticket: { type: 'integer' },
    deflection_rate: { type: 'number' },
    top_articles: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          title: { type: 'string' },
          slug: { type: 'string' },
          language: { type: 'string' },
          opened: { type: 'integer' },
        },
      },
    },
  },
} as const;

/** POST …/kb/preview/: Markdown in, the help centre's HTML out. */
export const previewBody = {
  type: 'object',
  properties: { content: { type: 'string', maxLength: 200000, description: 'Markdown' } },
  required: ['content'],
  additionalProperties: false,
} as const;

export const previewSchema = {
  type: 'object',
  properties: {
    html: { type: 'string', description: 'rendered and sanitised exactly as the help centre will show it' },
    excerpt: { type: 'string', description: 'the excerpt derived when none is given' },
  },
} as const;

export const ticketRefParams = {
  type: 'object',
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z0-9-]{1,40}$', description: 'id or ticket number' },
  },
  required: ['id'],
} as const;

export const relatedArticlesQuery = {
  type: 'object',
  properties: { limit: { type: 'integer', minimum: 1, maximum: 10, description: 'default 3' } },
  additionalProperties: false,
} as const;

export const relatedArticlesResponse = {
  type: 'object',
  properties: {
    results: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          slug: { type: 'string' },
          title: { type: 'string' },
          excerpt: { type: 'string' },
          language: { type: 'string' },
          url: { type: 'string', description: 'the article in the help centre (path on this site)' },
          rank: { type: 'number', description: '0..1, higher is better' },
        },
        required: ['id', 'slug', 'title', 'excerpt', 'language', 'url', 'rank'],
      },
    },
  },
  required: ['results'],
} as const;
