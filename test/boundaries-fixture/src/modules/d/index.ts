export { one } from './one.js';
