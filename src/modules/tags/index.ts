/** The tags module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export { tagRoutes } from './routes.js';
