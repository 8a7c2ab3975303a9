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
