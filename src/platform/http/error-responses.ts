/**
 * The documented error answers of every API route, added in one place: an onRoute hook gives each /api
 * route the 4xx responses the platform itself can answer for it (validation, authentication, access,
 * CSRF, path ids, idempotency, body limits), each as application/problem+json with the shared Problem
 * schema, plus a generic 4XX for what only the use case knows (a refused domain rule, a rate limit).
 * A route may still declare its own 4xx entries (auth does, for 429): they are kept and, when they are a
 * plain problem schema, given the problem+json content type.
 *
 * The error handler sends problems already serialised, so these schemas document error replies without
 * reshaping them; only an Idempotency-Key replay of an error goes through them, which is why the Problem
 * schema admits extra members.
 */
import { SerializerSelector, type SerializerFactory } from '@fastify/fast-json-stringify-compiler';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Access } from '../auth/principal.js';
import { ERROR_CODES } from '../errors.js';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  description:
    'An RFC 9457 problem. `code` is stable (switch on it, not on `title` or `detail`); `errors` lists ' +
    'the invalid fields of a VALIDATION_FAILED.',
  properties: {
    type: { type: 'string', description: 'URI naming the kind of problem' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', enum: Object.keys(ERROR_CODES) },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          path: { type: 'string', description: 'e.g. body.email, querystring.limit, params.id' },
          message: { type: 'string' },
        },
        required: ['path', 'message'],
        additionalProperties: true,
      },
    },
  },
  required: ['type', 'title', 'status', 'detail', 'code'],
  // RFC 9457 lets a problem carry extension members; a schema must never drop them.
  additionalProperties: true,
} as const;

const problemResponse = (description: string) => ({
  description,
  content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: 'Problem#' } } },
});

/** What the platform can tell about a route before any of its code runs. */
export interface RouteFacts {
  access: Access;
  /** POST, PUT, PATCH or DELETE. */
  write: boolean;
  hasBody: boolean;
  /** A body, querystring, params or headers schema validates the request. */
  hasInput: boolean;
  pathParams: string[];
  idempotent: boolean;
  csrfChecked: boolean;
}

const NOT_THE_CALLER: Partial<Record<Access, string>> = {
  customer: 'the caller is not a logged-in customer',
  staff: 'the caller is not a staff member',
  admin: 'the caller is not an admin',
};

/** Generic entry for what a use case may refuse; the platform cannot see it from the route. */
const OTHER_CLIENT_ERRORS =
  'Any other client error, e.g. a rule of the domain refused the request (409 CONFLICT, 422 ' +
  'RULE_VIOLATION or ILLEGAL_STATUS_TRANSITION) or too many requests (429 RATE_LIMITED, with ' +
  'Retry-After). `code` says which.';

const TITLE_OF_STATUS: Record<string, string> = Object.fromEntries(
  Object.values(ERROR_CODES)
    .reverse()
    .map(({ status, title }) => [String(status), title]),
);

/** Each 4xx status the platform itself can answer for a route, with its causes. */
export function platformErrors(f: RouteFacts): Record<string, string[]> {
  const causes: Record<string, string[]> = {};
  const add = (status: number, cause: string) => (causes[status] ??= []).push(cause);
  if (f.hasInput)
    add(400, 'a parameter or body field is invalid (VALIDATION_FAILED, each listed in `errors`)');
  if (f.hasBody) add(400, 'the body is malformed (MALFORMED_REQUEST)');
  add(
    400,
    'a header, parameter or body field contains NUL or an unpaired surrogate, which cannot be stored ' +
      '(VALIDATION_FAILED, the field in `errors`)',
  );
  if (f.idempotent) add(400, 'the Idempotency-Key header is longer than 255 characters (VALIDATION_FAILED)');
  add(
    401,
    f.access === 'public'
      ? 'a bearer token was sent that is malformed, invalid, expired or revoked (NOT_AUTHENTICATED)'
      : 'not logged in, or the bearer token is malformed, invalid, expired or revoked (NOT_AUTHENTICATED)',
  );
  const notTheCaller = NOT_THE_CALLER[f.access];
  if (notTheCaller) add(403, `${notTheCaller} (FORBIDDEN)`);
  if (f.write && f.csrfChecked) {
    add(403, 'a cookie-authenticated write came without a valid X-CSRF-Token header (CSRF_TOKEN_INVALID)');
  }
  if (f.pathParams.length > 0) {
    const named = f.pathParams.map((p) => `{${p}}`).join(', ');
    add(404, `what the path names (${named}) does not exist or is not visible to the caller (NOT_FOUND)`);
  }
  add(
    404,
    "the workspace named by X-Workspace or ?workspace= does not exist or is not the caller's (NOT_FOUND)",
  );
  if (f.write) {
    add(
      409,
      'the change conflicts with stored data: it already exists, is still referenced, or was changed at ' +
        'the same time (ALREADY_EXISTS, STILL_REFERENCED, CONFLICT)',
    );
  }
  if (f.idempotent) {
    add(409, 'the first request with this Idempotency-Key has not finished (IDEMPOTENCY_IN_PROGRESS)');
    add(422, 'the Idempotency-Key was used for a different request (IDEMPOTENCY_KEY_REUSED)');
  }
  if (f.pathParams.length > 0) add(414, 'a path parameter is longer than 100 characters (URI_TOO_LONG)');
  if (f.hasBody) {
    add(413, 'the body (with any uploaded files) is larger than allowed (PAYLOAD_TOO_LARGE)');
    add(415, "the body's Content-Type is not accepted (UNSUPPORTED_MEDIA_TYPE)");
  }
  return causes;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function factsOf(route: RouteOptions, access: Access): RouteFacts {
  const schema = route.schema ?? {};
  const methods = ([] as string[]).concat(route.method);
  return {
    access,
    write: methods.some((m) => WRITE_METHODS.has(m.toUpperCase())),
    hasBody: Boolean(schema.body),
    hasInput: Boolean(schema.body ?? schema.querystring ?? schema.params ?? schema.headers),
    pathParams: [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1] ?? ''),
    idempotent: route.config?.idempotent === true,
    csrfChecked: route.config?.skipCsrf !== true,
  };
}

type Entry = Record<string, unknown>;

/** The route's responses with every error entry documented as problem+json. */
export function withErrorResponses(
  declared: Record<string, unknown>,
  causes: Record<string, string[]>,
): Record<string, unknown> {
  const describe = (status: string) => {
    const list = causes[status];
    if (!list) return TITLE_OF_STATUS[status] ?? 'Client error';
    const text = list.join('; or ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  const responses: Record<string, unknown> = {};
  for (const status of Object.keys(causes)) responses[status] = problemResponse(describe(status));
  responses['4xx'] = problemResponse(OTHER_CLIENT_ERRORS);
  for (const [status, value] of Object.entries(declared)) {
    const entry = value as Entry;
    if (!/^4/.test(status) || 'content' in entry) responses[status] = entry;
    else if (entry.$ref === 'Problem#') responses[status] = problemResponse(describe(status));
    else {
      const description = typeof entry.description === 'string' ? entry.description : describe(status);
      responses[status] = { description, content: { [PROBLEM_MEDIA_TYPE]: { schema: entry } } };
    }
  }
  return responses;
}

/** Registers the Problem schema and documents the error answers of every API route declared after this. */
export function registerErrorResponses(app: FastifyInstance): void {
  app.addSchema(problemSchema);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access || !route.url.startsWith('/api/') || route.schema?.hide) return;
    const schema = route.schema ?? {};
    // A new object: route options and their schemas may be shared (a GET and its HEAD, common schemas).
    route.schema = {
      ...schema,
      response: withErrorResponses(
        (schema.response ?? {}) as Record<string, unknown>,
        platformErrors(factsOf(route, access)),
      ),
    };
  });
}

/**
 * Fastify's serializer factory, except for error answers: they are sent already serialised (sendProblem),
 * so their documented schemas are never compiled — compiling one per route and status cost start-up time
 * for nothing. Success schemas are compiled on a route's first answer unless `eager` (tests compile them
 * all at start so a broken schema fails there): compiling ~200 routes' serializers at start-up was a
 * third of the server's start-up CPU.
 */
export function serializerFactory(options: { eager?: boolean } = {}): SerializerFactory {
  const standard = SerializerSelector();
  return (externalSchemas, serializerOptions) => {
    const compile = standard(externalSchemas, serializerOptions);
    return (route) => {
      if (/^4/.test(route.httpStatus)) return (doc: unknown) => JSON.stringify(doc);
      if (options.eager) return compile(route);
      let serialize: ((doc: unknown) => string) | null = null;
      return (doc: unknown) => (serialize ??= compile(route))(doc);
    };
  };
}
