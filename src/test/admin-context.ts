/**
 * The usual start of an admin API test: a fresh workspace with an admin (bearer token), an agent with a
 * token of their own, and `call` / `create` helpers for one collection.
 */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../db/client.js';
import { asBearer } from './app.js';
import { buildAdmin, buildToken, buildUser, buildWorkspace } from './factories.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export async function adminContext(
  app: FastifyInstance,
  db: Database,
  base: string,
  agentName = 'Test Agent',
) {
  const ws = await buildWorkspace(db);
  const admin = await buildAdmin(db, ws);
  const agent = await buildUser(db, ws, { name: agentName });
  const agentToken = await buildToken(db, ws, agent.id);
  const call = (method: Method, url: string, payload?: object, token = admin.token) =>
    app.inject(asBearer(token, { method, url, ...(payload ? { payload } : {}) }));
  /** POSTs to the collection and expects 201. */
  const create = async (payload: object) => {
    const res = await call('POST', base, payload);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number; slug: string }>();
  };
  return { ws, admin, agent, agentToken, call, create };
}
