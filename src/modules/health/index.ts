/** The health module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export { healthRoutes } from './routes.js';
