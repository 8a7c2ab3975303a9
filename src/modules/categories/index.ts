/** The categories module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export { categoryRoutes } from './routes.js';
