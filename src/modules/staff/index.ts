/** The staff module's public surface: the admin API over the workspace's staff accounts. */
export { staffRoutes } from './routes.js';
