/** The users module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export { createStaffUser } from './create-staff-user.js';
export type { StaffUserResult } from './create-staff-user.js';
