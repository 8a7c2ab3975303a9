/** The priorities module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export { priorityRoutes } from './routes.js';
