/** The demo module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export { demoLoginLines } from './demo-constants.js';
export { findDemoWorkspace, seedDemo, seedDemoIfFirstRun } from './seed-demo.js';
export type { DemoSeedResult } from './seed-demo.js';
