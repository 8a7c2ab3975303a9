/** The workspaces module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export { createWorkspace } from './create-workspace.js';
export { workspaceRoutes } from './routes.js';
export { assertWorkspaceMembers, teamExists } from './workspace-members.js';
export { readBranding, readPublicFace, type Branding, type PublicFace } from './branding.js';
