/** Error answers skip schema serialisation (they are sent serialised); success answers keep it. */
import { describe, expect, it } from 'vitest';
import { serializerFactory } from './error-responses.js';

describe('serializerFactory', () => {
  const compile = serializerFactory()({}, {});
  const schema = { type: 'object', properties: { a: { type: 'integer' } } };
  const doc = { a: 1, extra: 'kept only without a compiled schema' };

  it('compiles success schemas: unknown members are dropped', () => {
    expect(JSON.parse(compile({ method: 'GET', url: '/x', httpStatus: '200', schema })(doc))).toEqual({
      a: 1,
    });
  });

  it('does not compile error schemas (4xx, 4XX): the document goes out whole', () => {
    for (const httpStatus of ['400', '404', '4XX']) {
      expect(JSON.parse(compile({ method: 'GET', url: '/x', httpStatus, schema })(doc))).toEqual(doc);
    }
  });
});
