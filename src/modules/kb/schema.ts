/** JSON schemas of the public knowledge-base endpoints: validation, serialisation, OpenAPI. */
import { DEFLECTION_EVENTS } from '../../db/schema.js';
import { PAGINATION_QUERY } from '../../platform/pagination.js';
import { MAX_QUERY_LENGTH } from './search-query.js';
import { nullable } from '../../platform/http/json-schema.js';

const summary = {
  type: 'object',
  properties: { id: { type: 'integer' }, name: { type: 'string' }, slug: { type: 'string' } },
};

const languageQuery = {
  language: {
    type: 'string',
    maxLength: 20,
    description: 'default: the best of Accept-Language the knowledge base has, else the workspace language',
  },
  workspace: { type: 'string', description: 'the workspace slug (or the X-Workspace header)' },
} as const;

const languageInfo = {
  language: { type: 'string', description: 'the language served' },
  requested_language: { type: 'string' },
  language_fallback: {
    type: 'boolean',
    description: 'the requested language is missing; the default is served',
  },
} as const;

const articleSummary = {
  id: { type: 'integer' },
  slug: { type: 'string' },
  title: { type: 'string' },
  language: { type: 'string' },
  excerpt: { type: 'string' },
  tags: { type: 'array', items: { type: 'string' } },
  category: nullable(summary),
  published_at: nullable({ type: 'string', format: 'date-time' }),
  updated_at: { type: 'string', format: 'date-time' },
  view_count: { type: 'integer' },
  helpful_count: { type: 'integer' },
  not_helpful_count: { type: 'integer' },
} as const;

export const listQuery = {
  type: 'object',
  properties: {
    ...PAGINATION_QUERY,
    ...languageQuery,
    category: {
      type: 'string',
      maxLength: 100,
      description: 'category id or slug (with its sub-categories)',
    },
    tag: { type: 'string', maxLength: 50 },
    sort: { type: 'string', enum: ['newest', 'popular'], default: 'newest' },
  },
  additionalProperties: false,
} as const;

export const listResponse = {
  type: 'object',
  properties: {
    ...languageInfo,
    results: { type: 'array', items: { type: 'object', properties: articleSummary } },
    next_cursor: nullable({ type: 'string' }),
  },
} as const;

export const slugParams = {
  type: 'object',
  properties: { slug: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 255 } },
  required: ['slug'],
} as const;

export const articleQuery = {
  type: 'object',
  properties: { ...languageQuery },
  additionalProperties: false,
} as const;

export const articleResponse = {
  type: 'object',
  properties: {
    ...articleSummary,
    content_html: { type: 'string', description: 'sanitised HTML' },
    meta_description: { type: 'string' },
    breadcrumbs: { type: 'array', items: summary, description: 'the category path, top level first' },
    translations: {
      type: 'array',
      items: {
        type: 'object',
        properties: { language: { type: 'string' }, slug: { type: 'string' }, title: { type: 'string' } },
      },
    },
    related: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          slug: { type: 'string' },
          title: { type: 'string' },
          excerpt: { type: 'string' },
        },
      },
    },
    requested_language: { type: 'string' },
    language_fallback: { type: 'boolean', description: 'the article is not in the requested language' },
    redirected_from: nullable({
      type: 'string',
      description: 'the old slug asked for; `slug` is the canonical one to link to',
    }),
    your_vote: nullable({ type: 'boolean', description: "this visitor's helpful vote, if any" }),
  },
} as const;

/** Registered with app.addSchema (it refers to itself). */
export const categoryNodeSchema = {
  $id: 'KbCategoryNode',
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    slug: { type: 'string' },
    description: { type: 'string' },
    icon: { type: 'string' },
    order: { type: 'integer' },
    article_count: { type: 'integer' },
    children: { type: 'array', items: { $ref: 'KbCategoryNode#' } },
  },
} as const;

export const categoriesQuery = {
  type: 'object',
  properties: { ...languageQuery },
  additionalProperties: false,
} as const;

export const categoriesResponse = {
  type: 'object',
  properties: {
    ...languageInfo,
    results: { type: 'array', items: { $ref: 'KbCategoryNode#' } },
  },
} as const;

export const searchQuery = {
  type: 'object',
  properties: {
    ...PAGINATION_QUERY,
    ...languageQuery,
    q: {
      type: 'string',
      minLength: 1,
      maxLength: 1000,
      description: `web-search syntax: "a phrase", a OR b, -exclude; the last word may be unfinished (first ${MAX_QUERY_LENGTH} characters are used)`,
    },
    category: {
      type: 'string',
      maxLength: 100,
      description: 'category id or slug (with its sub-categories)',
    },
    tag: { type: 'string', maxLength: 50 },
  },
  required: ['q'],
  additionalProperties: false,
} as const;

export const hitSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    slug: { type: 'string' },
    title: { type: 'string' },
    language: { type: 'string' },
    excerpt: { type: 'string' },
    snippet: { type: 'string', description: 'HTML: escaped text, matches in <mark>' },
    title_html: { type: 'string', description: 'HTML: the title with matches in <mark>' },
    category_id: { type: ['integer', 'null'] },
    rank: { type: 'number', description: '0..1, higher is better' },
  },
} as const;

export const searchResponse = {
  type: 'object',
  properties: {
    ...languageInfo,
    results: { type: 'array', items: hitSchema },
    corrected: { type: 'boolean', description: 'misspelt words were corrected, or similar titles answered' },
    corrected_query: nullable({ type: 'string', description: '"did you mean"' }),
    next_cursor: nullable({ type: 'string' }),
  },
} as const;

export const suggestQuery = {
  type: 'object',
  properties: {
    ...languageQuery,
    subject: { type: 'string', maxLength: 500, default: '' },
    description: { type: 'string', maxLength: 20000, default: '' },
  },
  additionalProperties: false,
} as const;

export const suggestResponse = {
  type: 'object',
  properties: {
    ...languageInfo,
    results: { type: 'array', items: hitSchema },
    corrected: { type: 'boolean' },
  },
} as const;

export const idParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1 } },
  required: ['id'],
} as const;

export const helpfulBody = {
  type: 'object',
  properties: { helpful: { type: 'boolean' } },
  required: ['helpful'],
  additionalProperties: false,
} as const;

export const helpfulResponse = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    helpful_count: { type: 'integer' },
    not_helpful_count: { type: 'integer' },
    your_vote: { type: 'boolean' },
  },
} as const;

export const deflectionBody = {
  type: 'object',
  properties: {
    event: { type: 'string', enum: DEFLECTION_EVENTS },
    session: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$', description: 'the form visit’s random id' },
    article_id: { type: 'integer', minimum: 1, description: 'required for article_opened' },
  },
  required: ['event', 'session'],
  additionalProperties: false,
} as const;

export const deflectionResponse = {
  type: 'object',
  properties: { recorded: { type: 'boolean', description: 'false: this session had recorded it already' } },
} as const;
