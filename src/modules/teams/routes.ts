/** Admin CRUD of support teams under /api/support/admin/teams/. Staff read, admins write. */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { DEFAULT_LIMIT } from '../../platform/pagination.js';
import { createTeam, type TeamInput } from './create-team.js';
import { deleteTeam } from './delete-team.js';
import { getTeam, listTeams } from './list-teams.js';
import * as s from './schema.js';
import { setTeamMembers } from './set-team-members.js';
import { updateTeam } from './update-team.js';

type Params = { id: number };
const BASE = '/api/support/admin/teams/';
const tags = ['admin: teams'];

/** Registers the team admin routes. */
export async function teamRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;

  app.get<{ Querystring: { limit?: number; cursor?: string } }>(
    BASE,
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Support teams with their members, in (name, id) order',
        querystring: s.listTeamsQuery,
        response: { 200: s.teamPageSchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const { limit, cursor } = request.query;
      return inWorkspace(deps.db, ws.id, (tx) =>
        listTeams(tx, ws.id, { limit: limit ?? DEFAULT_LIMIT, ...(cursor ? { cursor } : {}) }),
      );
    },
  );

  app.post<{ Body: TeamInput & { name: string; members?: number[] } }>(
    BASE,
    {
      config: { access: 'admin', idempotent: true },
      schema: {
        tags,
        summary: 'Create a team',
        description:
          'Members and the lead must be workspace members (400 otherwise). The lead is always a member: ' +
          'naming a lead adds them to the members automatically.',
        body: s.createTeamBody,
        response: { 201: s.teamSchema },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const view = await inWorkspace(deps.db, ws.id, async (tx) => {
        const id = await createTeam({ tx, workspaceId: ws.id }, request.body);
        return getTeam(tx, ws.id, id);
      });
      return reply.status(201).send(view);
    },
  );

  app.get<{ Params: Params }>(
    `${BASE}:id/`,
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'One team with its members',
        params: s.teamParams,
        response: { 200: s.teamSchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      return inWorkspace(deps.db, ws.id, (tx) => getTeam(tx, ws.id, request.params.id));
    },
  );

  app.patch<{ Params: Params; Body: TeamInput }>(
    `${BASE}:id/`,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Change a team (omitted = unchanged; a new lead joins the members; null clears the lead)',
        params: s.teamParams,
        body: s.updateTeamBody,
        response: { 200: s.teamSchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      return inWorkspace(deps.db, ws.id, async (tx) => {
        await updateTeam({ tx, workspaceId: ws.id }, request.params.id, request.body);
        return getTeam(tx, ws.id, request.params.id);
      });
    },
  );

  app.put<{ Params: Params; Body: { members: number[] } }>(
    `${BASE}:id/members/`,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Replace the team’s members (workspace members only; the lead always stays a member)',
        params: s.teamParams,
        body: s.membersBody,
        response: { 200: s.teamSchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      return inWorkspace(deps.db, ws.id, async (tx) => {
        await setTeamMembers({ tx, workspaceId: ws.id }, request.params.id, request.body.members);
        return getTeam(tx, ws.id, request.params.id);
      });
    },
  );

  app.delete<{ Params: Params }>(
    `${BASE}:id/`,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Delete a team',
        description: 'Tickets, SLAs (escalation team) and the assignment log keep a null team (SET NULL).',
        params: s.teamParams,
        response: { 204: { type: 'null', description: 'Deleted' } },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      await inWorkspace(deps.db, ws.id, (tx) => deleteTeam({ tx, workspaceId: ws.id }, request.params.id));
      return reply.status(204).send();
    },
  );
}
