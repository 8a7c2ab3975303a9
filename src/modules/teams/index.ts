/** The teams module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export { teamRoutes } from './routes.js';
