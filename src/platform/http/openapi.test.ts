import type { FastifySchema } from 'fastify';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/app.js';
import { problemOf } from './error-handler.js';

const { app } = await testApp();

// Replies with a problem object through the route's documented schemas, as an Idempotency-Key replay does.
const EXTENDED_PROBLEM = {
  ...problemOf('RULE_VIOLATION', 'refused', [{ path: 'body.x', message: 'is wrong' }]),
  retry_with: 'another value',
};
const testRouteSchema: FastifySchema = {
  summary: 'test only',
  params: { type: 'object', properties: { id: { type: 'integer' } } },
  response: { 200: { type: 'object', properties: {} } },
};
app.get(
  '/api/test/problem/:id',
  { config: { access: 'public' }, schema: testRouteSchema },
  (_request, reply) => reply.status(422).type('application/problem+json').send(EXTENDED_PROBLEM),
);

interface Media {
  schema?: { $ref?: string };
}
interface Response {
  description?: string;
  content?: Record<string, Media>;
}
interface Operation {
  summary?: string;
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses?: Record<string, Response>;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { title?: string; properties?: object; additionalProperties?: unknown }>;
  };
}

// The seed's fifteen endpoints, as CONTRACT.md names them ({id} and {slug} are path parameters).
const SEED_ENDPOINTS = [
  'get /api/support/tickets/',
  'get /api/support/tickets/{id}/',
  'post /api/support/tickets/',
  'post /api/support/tickets/{id}/reply/',
  'put /api/support/tickets/{id}/status/',
  'post /api/support/tickets/{id}/rate/',
  'get /api/support/admin/tickets/',
  'post /api/support/admin/tickets/{id}/assign/',
  'get /api/support/templates/',
];

const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json<Doc>();
const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ key: `${method} ${path}`, method, path, op })),
);
const api = operations.filter((o) => o.path.startsWith('/api/'));

/** The component a `#/components/schemas/…` reference names. */
const componentOf = (media: Media | undefined) =>
  doc.components.schemas[media?.schema?.$ref?.replace('#/components/schemas/', '') ?? ''];

/** What is wrong with one operation's documented answers (empty when nothing is). */
function defects({ method, path, op }: (typeof api)[number]): string[] {
  const responses = op.responses ?? {};
  const found: string[] = [];
  if (!op.summary) found.push('no summary');
  const successes = Object.keys(responses).filter((c) => /^[23]/.test(c));
  if (successes.length === 0) found.push('no success response');
  for (const code of successes) {
    const media = Object.values(responses[code]?.content ?? {});
    // 204 and redirects have no body by definition; every other success must describe its body.
    const bodiless = code === '204' || code.startsWith('3');
    if (bodiless !== (media.length === 0)) found.push(`${code} content`);
    if (media.some((m) => !m.schema)) found.push(`${code} has a media type without a schema`);
  }
  const required = new Set(['401', '404', '4XX']);
  if ((op.parameters ?? []).length > 0 || op.requestBody) required.add('400');
  if (op.requestBody) ['413', '415'].forEach((c) => required.add(c));
  if (method !== 'get') required.add('409');
  if (path.includes('/admin/')) required.add('403');
  for (const code of required) if (!responses[code]) found.push(`no ${code}`);
  for (const [code, response] of Object.entries(responses)) {
    if (!code.startsWith('4')) continue;
    const types = Object.keys(response.content ?? {});
    if (types.join() !== 'application/problem+json') found.push(`${code} is ${types.join() || 'bodiless'}`);
    else if (componentOf(response.content?.['application/problem+json'])?.title !== 'Problem')
      found.push(`${code} is not the Problem schema`);
    if (!response.description || response.description === 'Default Response')
      found.push(`${code} undescribed`);
  }
  return found.map((d) => `${method} ${path}: ${d}`);
}

describe('the OpenAPI document', () => {
  it('describes every API operation: summary, success body, and its error answers as problem+json', () => {
    expect(api.length).toBeGreaterThan(40);
    expect(api.flatMap(defects)).toEqual([]);
    const keys = new Set(operations.map((o) => o.key));
    expect(SEED_ENDPOINTS.filter((e) => !keys.has(e))).toEqual([]);
  });

  it('documents the Problem schema with every member the error handler writes, open to extensions', () => {
    const problem = Object.values(doc.components.schemas).find((s) => s.title === 'Problem');
    expect(Object.keys(problem?.properties ?? {}).sort()).toEqual(
      ['code', 'detail', 'errors', 'status', 'title', 'type'].sort(),
    );
    expect(problem?.additionalProperties).toBe(true);
  });

  it('documents an attachment download as a file of any type', () => {
    const op = doc.paths['/api/support/tickets/{id}/attachments/{attachmentId}/']?.get;
    expect(op?.responses?.['200']?.content).toEqual({
      '*/*': { schema: { type: 'string', format: 'binary' } },
    });
  });

  it('documents the fields of a message attachment', () => {
    const message = Object.values(doc.components.schemas).find((s) => s.title === 'TicketMessage') as
      { properties: { attachments: { items: { properties: object } } } } | undefined;
    expect(Object.keys(message?.properties.attachments.items.properties ?? {})).toEqual([
      'id',
      'filename',
      'file_size',
      'mime_type',
    ]);
  });

  it('never reshapes a problem that goes through the documented schemas (extension members, errors)', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test/problem/1' });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toEqual(EXTENDED_PROBLEM);
  });
});
