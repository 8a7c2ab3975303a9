/** The assignment module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export { drainTeamQueue } from './drain-team-queue.js';
export { OPEN_STATUSES } from './pick-agent.js';
export { queueSubscriber } from './queue-subscriber.js';
export { lockRouting } from './repository.js';
export { routeArrival } from './route-arrival.js';
export { assignmentRoutes } from './routes.js';
export { sweepTeamQueuesJob } from './sweep-job.js';
export { routeToTeam } from './route-to-team.js';
export type { RouteResult, RouteToTeamInput } from './route-to-team.js';
export { teamAvailability } from './team-availability.js';
export type { TeamAvailability } from './team-availability.js';
