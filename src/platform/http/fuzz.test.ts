/**
 * Schema-driven fuzzing: every operation of the OpenAPI document gets fast-check-generated bad input
 * (wrong types, NUL and control characters, huge and empty strings, unicode edge cases, out-of-range
 * numbers, unknown fields, very long path parameters, another workspace's ids) as an anonymous visitor,
 * a customer, an agent and an admin of workspace A. Never a 5xx; every /api error is problem+json; and
 * workspace B's rows are the same afterwards.
 *
 * Deterministic: FUZZ_SEED (default 20261206) and FUZZ_RUNS requests per operation and caller (default
 * 4; e.g. FUZZ_RUNS=50 for a long run).
 */
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { asBearer, testApp } from '../../test/app.js';
import {
  buildAdmin,
  buildCustomer,
  buildTicket,
  buildToken,
  buildUser,
  buildWorkspace,
  customerSession,
} from '../../test/factories.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const RUNS = Number(process.env.FUZZ_RUNS ?? 4);

const ctx = await testApp();
const { app, db } = ctx;

interface Schema {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
}

interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** The query string's parameters and their schemas. */
  query: Record<string, Schema>;
  /** The JSON body's schema; null when the operation takes no body. */
  body: Schema | null;
  /** Its 200 is an endless text/event-stream: read the head, then hang up. */
  stream: boolean;
}

type OpenApiDoc = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ in: string; name: string; schema?: Schema }>;
        requestBody?: { content?: Record<string, { schema?: Schema }> };
        responses?: Record<string, { content?: Record<string, unknown> }>;
      }
    >
  >;
};

/**
 * One fuzzed request. A stream's 200 never ends, so for those the head is read and the stream closed
 * (its errors end like any other answer and are read whole).
 */
async function injectOnce(
  app: FastifyInstance,
  options: InjectOptions,
  stream: boolean,
): Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }> {
  if (!stream) return app.inject(options);
  const res = await app.inject({ ...options, payloadAsStream: true });
  const body = res.stream();
  if (res.statusCode === 200) {
    body.destroy();
    return { statusCode: 200, headers: res.headers, body: '' };
  }
  let text = '';
  for await (const chunk of body) text += String(chunk);
  return { statusCode: res.statusCode, headers: res.headers, body: text };
}

/** Every operation of the document, with its query parameters and JSON body schema. */
function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      ops.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        query: Object.fromEntries(query.map((p) => [p.name, p.schema ?? {}])),
        body: op.requestBody ? (op.requestBody.content?.['application/json']?.schema ?? {}) : null,
        stream: op.responses?.['200']?.content?.['text/event-stream'] !== undefined,
      });
    }
  }
  return ops;
}

/**
 * A value the schema accepts (as far as a simple reading goes): the starting point that a few mutated
 * fields then spoil, so the bad value travels past validation to the use case and the database.
 */
function validSample(schema: Schema, depth = 0): unknown {
  const variant = schema.anyOf ?? schema.oneOf;
  if (variant) return validSample(variant.find((v) => v.type !== 'null') ?? {}, depth);
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const types = ([] as string[]).concat(schema.type ?? 'string');
  const type = types.find((t) => t !== 'null') ?? 'null';
  switch (type) {
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'array':
      return depth > 3 || !schema.items ? [] : [validSample(schema.items, depth + 1)];
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > 3) return out;
      for (const [name, sub] of Object.entries(schema.properties ?? {}))
        if ((schema.required ?? []).includes(name)) out[name] = validSample(sub, depth + 1);
      return out;
    }
    case 'null':
      return null;
    default:
      if (schema.format === 'email') return 'fuzz@example.test';
      if (schema.format === 'date-time') return '2026-01-01T10:00:00Z';
      if (schema.format === 'date') return '2026-01-01';
      if (schema.pattern?.includes(':')) return '09:00';
      if (schema.pattern) return 'fuzz-text';
      return 'fuzz text'.padEnd(schema.minLength ?? 0, 'x');
  }
}

const nasty = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u001f\u007f',
  '\ud800',
  'x\udfff',
  '\u202eevil',
  '\ufeff',
  '\u{1F4A9}\u{1F3F3}\u{FE0F}\u200d\u{1F308}',
  'e\u0301\u0301\u0301',
  "' OR '1'='1",
  '1; DROP TABLE support_tickets; --',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '%00',
  '%',
  '\\',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
);
const hugeString = fc.constantFrom('a', 'ü', '\u{1F4A9}', '0', '-').map((c) => c.repeat(70_000));
/** Text PostgreSQL cannot store, alone or inside ordinary text. */
const unstorable = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('\u0000', '\ud800', '\udc00'),
    fc.string({ maxLength: 8 }),
  )
  .map(([a, bad, b]) => `${a}${bad}${b}`);
const edgeString = fc.oneof(
  { weight: 3, arbitrary: unstorable },
  { weight: 5, arbitrary: nasty },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: hugeString },
);
const edgeNumber = fc.oneof(
  fc.constantFrom(0, -1, 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e-308, 0.5),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const scalar = fc.oneof(edgeString, edgeNumber, fc.boolean(), fc.constant(null));
const anyValue = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }) },
);

/** How a request is spoilt: every free-text field at once, one field (or an unknown one), or anything. */
type Spoil =
  | { kind: 'all-text'; value: string }
  | { kind: 'one'; field: string; value: unknown }
  | { kind: 'anything'; value: unknown };

const isFreeText = (schema: Schema): boolean =>
  !schema.enum &&
  !schema.format &&
  !schema.pattern &&
  ([] as string[]).concat(schema.type ?? []).includes('string');

/** Valid values for the required fields (all of them when `required` is not given). */
function sampleOf(fields: Record<string, Schema>, required?: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(fields))
    if (!required || required.includes(name)) out[name] = validSample(schema);
  return out;
}

function spoilt(base: Record<string, unknown>, fields: Record<string, Schema>, spoil: Spoil): unknown {
  switch (spoil.kind) {
    case 'all-text': {
      const out = { ...base };
      for (const [name, schema] of Object.entries(fields)) if (isFreeText(schema)) out[name] = spoil.value;
      return out;
    }
    case 'one':
      return { ...base, [spoil.field]: spoil.value };
    case 'anything':
      return spoil.value;
  }
}

/** The callers: index into `callers` below. */
const CALLER_NAMES = ['anonymous', 'customer', 'agent', 'admin'] as const;

describe('OpenAPI-driven fuzzing', () => {
  let requests = 0;
  let serverErrors = 0;
  afterAll(() => {
    process.stdout.write(
      `[fuzz] seed ${SEED}, ${RUNS} runs per operation and caller: ${requests} requests, ${serverErrors} 5xx\n`,
    );
  });

  it('never answers 5xx, answers /api errors as problem+json, and never touches another workspace', async () => {
    const a = await buildWorkspace(db);
    const adminA = await buildAdmin(db, a);
    const agentA = await buildUser(db, a, { role: 'agent' });
    const customerA = await buildCustomer(db, a);
    const ticketA = await buildTicket(db, a, { customerId: customerA.id });

    const b = await buildWorkspace(db);
    const adminB = await buildAdmin(db, b);
    const customerB = await buildCustomer(db, b);
    const ticketB = await buildTicket(db, b, { customerId: customerB.id });
    const snapshotB = await snapshot(b.id);

    const pathValue = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          String(ticketA.id),
          ticketA.ticket_number,
          String(ticketB.id),
          ticketB.ticket_number,
          String(adminB.id),
          String(customerB.id),
          '1',
          '0',
          '-1',
          '9'.repeat(25),
          'x'.repeat(101),
          'a'.repeat(400),
        ),
      },
      { weight: 2, arbitrary: edgeString.filter((s) => s.length < 200) },
    );

    await app.ready();
    const ops = operationsOf(app.swagger() as unknown as OpenApiDoc);
    expect(ops.length).toBeGreaterThan(80);

    for (const [index, op] of ops.entries()) {
      // Fresh credentials per operation: a fuzzed logout or token revocation must not blind the rest.
      const callers: Array<(o: InjectOptions) => InjectOptions> = [
        (o) => ({ ...o, headers: { ...o.headers, 'x-workspace': a.slug } }),
        await (async () => {
          const session = await customerSession(db, a, customerA.id);
          return (o: InjectOptions) => ({ ...o, headers: { ...session, ...o.headers } });
        })(),
        await (async () => {
          const token = await buildToken(db, a, agentA.id);
          return (o: InjectOptions) => asBearer(token, o);
        })(),
        await (async () => {
          const token = await buildToken(db, a, adminA.id);
          return (o: InjectOptions) => asBearer(token, o);
        })(),
      ];
      const pathNames = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
      const bodySchemas = op.body?.properties ?? {};
      const spoil = (fields: string[]) =>
        fc.oneof(
          fc
            .oneof(unstorable, nasty, hugeString, fc.string({ unit: 'binary', maxLength: 30 }))
            .map((value): Spoil => ({ kind: 'all-text', value })),
          fc
            .tuple(fc.constantFrom(...fields, 'unknown_field'), anyValue)
            .map(([field, value]): Spoil => ({ kind: 'one', field, value })),
          anyValue.map((value): Spoil => ({ kind: 'anything', value })),
        );
      const arbitrary = fc.record({
        caller: fc.constantFrom(0, 1, 2, 3, 3),
        params: fc.tuple(...pathNames.map(() => pathValue)),
        query: spoil(Object.keys(op.query)),
        body: spoil(Object.keys(bodySchemas)),
        // Mostly the caller's own workspace; sometimes a spoilt X-Workspace header.
        workspaceHeader: fc.oneof(
          { weight: 6, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: edgeString.filter((s) => s.length < 200) },
        ),
      });

      await fc.assert(
        fc.asyncProperty(arbitrary, async (input) => {
          let url = op.path;
          pathNames.forEach((name, i) => {
            url = url.replace(`{${name}}`, encodePathValue(input.params[i] ?? ''));
          });
          const query = spoilt(sampleOf(op.query), op.query, input.query);
          const search = new URLSearchParams(
            Object.entries(typeof query === 'object' && query !== null ? query : { q: query }).map(
              ([k, v]): [string, string] => [k, typeof v === 'string' ? v : String(JSON.stringify(v))],
            ),
          ).toString();
          const body = op.body
            ? spoilt(sampleOf(bodySchemas, op.body.required), bodySchemas, input.body)
            : null;
          const target = search ? `${url}?${search}` : url;
          const options: InjectOptions = {
            method: op.method,
            url: target,
            remoteAddress: `10.9.${requests % 250}.${Math.floor(requests / 250) % 250}`,
            ...(op.body !== null ? { payload: JSON.stringify(body) } : {}),
            headers: {
              ...(op.body !== null ? { 'content-type': 'application/json' } : {}),
              ...(input.workspaceHeader !== null ? { 'x-workspace': input.workspaceHeader } : {}),
            },
          };
          const caller = callers[input.caller] ?? ((o: InjectOptions) => o);
          const res = await injectOnce(app, caller(options), op.stream);
          requests += 1;
          if (process.env.FUZZ_DEBUG && op.path.includes(process.env.FUZZ_DEBUG))
            process.stdout.write(
              `${op.method} ${target.slice(0, 120)} ${CALLER_NAMES[input.caller]} ${JSON.stringify(body)?.slice(0, 200)} -> ${res.statusCode} ${res.body.slice(0, 150)}\n`,
            );
          const what = `${op.method} ${target.slice(0, 300)} as ${CALLER_NAMES[input.caller]}`;
          if (res.statusCode >= 500) {
            serverErrors += 1;
            expect.fail(`${what} answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
          }
          if (res.statusCode >= 400 && op.path.startsWith('/api/')) {
            expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
            expect((JSON.parse(res.body) as { code?: unknown }).code, what).toEqual(expect.any(String));
          }
        }),
        { seed: SEED + index, numRuns: RUNS * CALLER_NAMES.length, endOnFailure: true },
      );
    }

    expect(await snapshot(b.id)).toEqual(snapshotB);
  }, 600_000);
});

/** Percent-encodes a path value; an unpaired surrogate (no UTF-8 form) is sent as its raw bytes. */
function encodePathValue(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return `${encodeURIComponent(value.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80`;
  }
}

/** Every row of every table that has a workspace_id, for one workspace, as JSON. */
async function snapshot(workspaceId: number): Promise<Record<string, string>> {
  const tables = await db.raw.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'workspace_id'
      ORDER BY table_name`,
  );
  const out: Record<string, string> = {};
  for (const { table_name: table } of tables.rows) {
    const rows = await db.raw.query(`SELECT * FROM "${table}" WHERE workspace_id = $1 ORDER BY 1`, [
      workspaceId,
    ]);
    out[table] = JSON.stringify(rows.rows);
  }
  return out;
}
