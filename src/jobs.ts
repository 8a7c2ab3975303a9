/** Every job definition of the product, started by processes with the worker role. */
import type { AppDeps } from './platform/deps.js';
import type { JobDefinition } from './platform/jobs/queue.js';

export function jobDefinitions(_deps: AppDeps): JobDefinition[] {
  return [];
}
