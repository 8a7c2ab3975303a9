export { other } from './other.js';
