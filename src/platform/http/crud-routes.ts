/**
 * The five routes of an admin collection — list, create, get, update, delete — with the project's fixed
 * order: access rule (staff read unless readAccess says admin; admins write), schema validation, one workspace transaction, one use
 * case, the presented view. Modules describe their entity; the HTTP plumbing is written once, here.
 */
import type { FastifyInstance } from 'fastify';
import { inWorkspace, type Tx } from '../../db/tenant.js';
import { staffOf, workspaceOf } from '../auth/access.js';
import type { Access } from '../auth/principal.js';
import type { AppDeps } from '../deps.js';
import { DEFAULT_LIMIT, type Page } from '../pagination.js';

/** What a use case of an admin collection receives. */
export interface CrudContext {
  tx: Tx;
  workspaceId: number;
  /** The staff member acting (created_by and the like). */
  userId: number;
  now: Date;
}

type Schema = Record<string, unknown>;

export interface CrudSpec<View, Id, CreateBody, UpdateBody, ListQuery> {
  /** e.g. '/api/support/admin/priorities/' */
  base: string;
  /** Who may list and read: staff (default) or only admins. Writes are always admin-only. */
  readAccess?: 'staff' | 'admin';
  tag: string;
  /** Who may create and update (default admin; staff read). */
  writeAccess?: Access;
  /** Who may delete (default: writeAccess). */
  removeAccess?: Access;
  schemas: {
    listQuery: Schema;
    page: Schema;
    view: Schema;
    params: Schema;
    createBody: Schema;
    updateBody: Schema;
  };
  docs: {
    list: string;
    listDescription?: string;
    create: string;
    createDescription?: string;
    get: string;
    update: string;
    updateDescription?: string;
    remove: string;
    removeDescription?: string;
  };
  list(ctx: CrudContext, query: ListQuery & { limit: number; cursor?: string }): Promise<Page<View>>;
  get(ctx: CrudContext, id: Id | number): Promise<View>;
  /** Return the record's id, which get() then presents (a changed slug or code no longer finds it). */
  create(ctx: CrudContext, body: CreateBody): Promise<number>;
  update(ctx: CrudContext, id: Id, body: UpdateBody): Promise<number>;
  remove(ctx: CrudContext, id: Id): Promise<void>;
}

/** Registers list/create/get/update/delete for one admin collection. */
export function registerCrudRoutes<View, Id, CreateBody, UpdateBody, ListQuery extends object>(
  app: FastifyInstance,
  deps: AppDeps,
  spec: CrudSpec<View, Id, CreateBody, UpdateBody, ListQuery>,
): void {
  const { base, schemas, docs } = spec;
  const writeAccess = spec.writeAccess ?? 'admin';
  const removeAccess = spec.removeAccess ?? writeAccess;
  const tags = [spec.tag];
  const readAccess = spec.readAccess ?? 'staff';
  const item = `${base}:id/`;
  const idOf = (params: unknown) => (params as { id: Id }).id;
  const run = <T>(request: Parameters<typeof workspaceOf>[0], fn: (ctx: CrudContext) => Promise<T>) => {
    const ws = workspaceOf(request);
    const userId = staffOf(request).userId;
    return inWorkspace(deps.db, ws.id, (tx) => fn({ tx, workspaceId: ws.id, userId, now: deps.now() }));
  };

  app.get(
    base,
    {
      config: { access: readAccess },
      schema: {
        tags,
        summary: docs.list,
        ...(docs.listDescription ? { description: docs.listDescription } : {}),
        querystring: schemas.listQuery,
        response: { 200: schemas.page },
      },
    },
    async (request) => {
      // The schema validated the query; these casts only name its shape.
      const { limit, cursor, ...filters } = request.query as ListQuery & { limit?: number; cursor?: string };
      return run(request, (ctx) =>
        spec.list(ctx, {
          ...(filters as ListQuery),
          limit: limit ?? DEFAULT_LIMIT,
          ...(cursor ? { cursor } : {}),
        }),
      );
    },
  );

  app.post(
    base,
    {
      config: { access: writeAccess, idempotent: true },
      schema: {
        tags,
        summary: docs.create,
        ...(docs.createDescription ? { description: docs.createDescription } : {}),
        body: schemas.createBody,
        response: { 201: schemas.view },
      },
    },
    async (request, reply) => {
      const view = await run(request, async (ctx) =>
        spec.get(ctx, await spec.create(ctx, request.body as CreateBody)),
      );
      return reply.status(201).send(view);
    },
  );

  app.get(
    item,
    {
      config: { access: readAccess },
      schema: { tags, summary: docs.get, params: schemas.params, response: { 200: schemas.view } },
    },
    async (request) => run(request, (ctx) => spec.get(ctx, idOf(request.params))),
  );

  app.patch(
    item,
    {
      config: { access: writeAccess },
      schema: {
        tags,
        summary: docs.update,
        ...(docs.updateDescription ? { description: docs.updateDescription } : {}),
        params: schemas.params,
        body: schemas.updateBody,
        response: { 200: schemas.view },
      },
    },
    async (request) =>
      run(request, async (ctx) =>
        spec.get(ctx, await spec.update(ctx, idOf(request.params), request.body as UpdateBody)),
      ),
  );

  app.delete(
    item,
    {
      config: { access: removeAccess },
      schema: {
        tags,
        summary: docs.remove,
        ...(docs.removeDescription ? { description: docs.removeDescription } : {}),
        params: schemas.params,
        response: { 204: { type: 'null', description: 'Deleted' } },
      },
    },
    async (request, reply) => {
      await run(request, (ctx) => spec.remove(ctx, idOf(request.params)));
      return reply.status(204).send();
    },
  );
}
