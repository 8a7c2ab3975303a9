/**
 * One guard for text PostgreSQL cannot store: a NUL character (refused in text and jsonb: "invalid byte
 * sequence for encoding UTF8: 0x00") and an unpaired UTF-16 surrogate (which has no UTF-8 form and would
 * be stored as U+FFFD, silently changed). Every request is checked here, so no route can forget it:
 * headers, query string and path parameters in onRequest, before the authenticate hook reads
 * X-Workspace; the body (JSON, or the fields a multipart route made its body) in preHandler, after
 * parsing and validation. The answer is a 400 VALIDATION_FAILED naming the field.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalid } from '../errors.js';

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const MESSAGE = 'must not contain NUL (\\u0000) or unpaired surrogate characters';

/** True when PostgreSQL can store `text` unchanged. */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !UNPAIRED_SURROGATE.test(text);
}

/**
 * The path (`body.holidays.0.name`) of the first string or object key in `value` that PostgreSQL cannot
 * store, or null. Iterative, so a deeply nested body cannot overflow the stack.
 */
export function findUnstorableText(value: unknown, root: string): string | null {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [item, path] = stack.pop() as [unknown, string];
    if (typeof item === 'string') {
      if (!isStorableText(item)) return path;
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push([item[i], `${path}.${i}`]);
    } else if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        if (!isStorableText(key)) return path;
        stack.push([child, `${path}.${key}`]);
      }
    }
  }
  return null;
}

function checkParts(request: FastifyRequest, parts: ReadonlyArray<[unknown, string]>): void {
  for (const [value, root] of parts) {
    const path = findUnstorableText(value, root);
    if (path !== null) throw invalid(path, MESSAGE);
  }
}

/** Adds the guard's hooks; app.ts calls it before the authenticate hook is registered. */
export function registerStorableTextGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    checkParts(request, [
      [request.headers, 'headers'],
      [request.query, 'querystring'],
      [request.params, 'params'],
    ]);
  });
  app.addHook('preHandler', async (request) => {
    if (request.body !== undefined && request.body !== null) checkParts(request, [[request.body, 'body']]);
  });
}
