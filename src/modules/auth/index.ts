/** The auth module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export { authRoutes } from './routes.js';
export { createSession } from './sessions.js';
export { sendStaffPasswordLink } from './forgot-password.js';
