/**
 * Availability for automatic assignment: staff set their own (/api/support/me/availability/), admins
 * anyone's (/api/support/admin/agents/{id}/availability/). Becoming available drains their teams' queues.
 */
import type { FastifyInstance } from 'fastify';
import type { Availability } from '../../db/schema.js';
import { inWorkspace } from '../../db/tenant.js';
import { staffOf, workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import * as s from './schema.js';
import { getAvailability, setAvailability } from './set-availability.js';

const TAG = 'assignment';

/** Registers the availability routes. */
export async function availabilityRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const put = (request: Parameters<typeof workspaceOf>[0], userId: number, availability: Availability) => {
    const ws = workspaceOf(request);
    const actor = { userId: staffOf(request).userId };
    return inWorkspace(deps.db, ws.id, async (tx) => {
      const { assigned } = await setAvailability(tx, {
        workspaceId: ws.id,
        userId,
        availability,
        now: deps.now(),
        actor,
      });
      return { ...(await getAvailability(tx, ws.id, userId)), assigned };
    });
  };
  const get = (request: Parameters<typeof workspaceOf>[0], userId: number) => {
    const ws = workspaceOf(request);
    return inWorkspace(deps.db, ws.id, (tx) => getAvailability(tx, ws.id, userId));
  };

  app.get(
    '/api/support/me/availability/',
    {
      config: { access: 'staff' },
      schema: {
        tags: [TAG],
        summary: 'Your availability for automatic assignment, open load and teams',
        response: { 200: s.availabilitySchema },
      },
    },
    async (request) => get(request, staffOf(request).userId),
  );

  app.put<{ Body: { availability: Availability } }>(
    '/api/support/me/availability/',
    {
      config: { access: 'staff' },
      schema: {
        tags: [TAG],
        summary: 'Set your availability (available / away / offline)',
        description:
          'Only `available` members of round_robin / least_open teams are assigned tickets automatically. ' +
          'Becoming available hands you the oldest queued tickets of your teams, up to your cap.',
        body: s.availabilityBody,
        response: { 200: s.availabilitySchema },
      },
    },
    async (request) => put(request, staffOf(request).userId, request.body.availability),
  );

  app.get<{ Params: { id: number } }>(
    '/api/support/admin/agents/:id/availability/',
    {
      config: { access: 'staff' },
      schema: {
        tags: [TAG],
        summary: 'A staff member’s availability, open load and teams',
        params: s.agentParams,
        response: { 200: s.availabilitySchema },
      },
    },
    async (request) => get(request, request.params.id),
  );

  app.put<{ Params: { id: number }; Body: { availability: Availability } }>(
    '/api/support/admin/agents/:id/availability/',
    {
      config: { access: 'admin' },
      schema: {
        tags: [TAG],
        summary: 'Set a staff member’s availability (admins; 404 for someone not in the workspace)',
        params: s.agentParams,
        body: s.availabilityBody,
        response: { 200: s.availabilitySchema },
      },
    },
    async (request) => put(request, request.params.id, request.body.availability),
  );
}
