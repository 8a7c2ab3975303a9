/**
 * Every background subscriber to domain events (platform/events/subscriber.ts), run by the dispatcher
 * in processes with the worker role. Modules add theirs here (webhooks, notifications, …).
 */
import type { AppDeps } from './platform/deps.js';
import type { EventSubscriber } from './platform/events/subscriber.js';

export function eventSubscribers(_deps: AppDeps): EventSubscriber[] {
  return [];
}
