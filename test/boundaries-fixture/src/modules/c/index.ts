export { reachIn } from './reach-in.js';
export { port } from './settings.js';
