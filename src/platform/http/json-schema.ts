/** Small builders for the route schemas (request validation, response serialisation, OpenAPI). */

/** `schema` or null. (A type list with 'null' would do for scalars; anyOf also works for objects.) */
export const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });

/** A keyset page of `items`: `{results, next_cursor}`, next_cursor null on the last page. */
export const pageSchema = <Items extends object>(items: Items) =>
  ({
    type: 'object',
    properties: {
      results: { type: 'array', items },
      next_cursor: nullable({ type: 'string' }),
    },
  }) as const;

/**
 * The documented error answers of a route: the shared Problem schema (platform/http/error-responses.ts);
 * its content type, application/problem+json, is set there for every route.
 */
export function problems(...statuses: number[]): Record<number, { $ref: 'Problem#' }> {
  return Object.fromEntries(statuses.map((s) => [s, { $ref: 'Problem#' as const }]));
}
