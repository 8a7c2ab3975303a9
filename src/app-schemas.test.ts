/**
 * Route schemas are compiled on each route's first use in production (start-up time); this compiles
 * every route's validators and serializers up front, so a schema Ajv or fast-json-stringify refuses
 * fails here rather than on a customer's first request.
 */
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { serializerFactory } from './platform/http/error-responses.js';
import { validatorFactory } from './platform/http/validator-factory.js';
import { testApp } from './test/app.js';

function tinyApp(eager: boolean, bodySchema: object) {
  const app = Fastify({
    schemaController: {
      compilersFactory: {
        buildSerializer: serializerFactory({ eager }),
        buildValidator: validatorFactory({ eager }),
      },
    },
  });
  app.post(
    '/x',
    {
      schema: {
        body: bodySchema,
        response: { 200: { type: 'object', properties: { n: { type: 'integer' } } } },
      },
    },
    async (req) => ({ n: (req.body as { n: number }).n, dropped: 'not in the schema' }),
  );
  return app;
}

describe('route schemas', () => {
  it('of every route compile', async () => {
    const { app } = await testApp({ build: { compileSchemasAtStart: true } });
    await expect(app.ready()).resolves.toBeDefined();
  });

  it('compiled eagerly, a broken schema fails at start', async () => {
    await expect(tinyApp(true, { type: 'no-such-type' }).ready()).rejects.toThrow();
  });

  it('compiled lazily, validate and serialise on first use exactly as eagerly', async () => {
    const schema = { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] };
    for (const eager of [false, true]) {
      const app = tinyApp(eager, schema);
      const ok = await app.inject({ method: 'POST', url: '/x', payload: { n: 3 } });
      expect(ok.json()).toEqual({ n: 3 });
      const bad = await app.inject({ method: 'POST', url: '/x', payload: { n: 'three' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ message: string }>().message).toMatch(/body\/n must be integer/);
      await app.close();
    }
  });
});
