// Not exported by b's index: no file cycle, only the module cycle a → b → a.
import { thing } from '../a/index.js';
export const user = (): number => thing;
