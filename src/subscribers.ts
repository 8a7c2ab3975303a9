/**
 * Every event subscriber of the product (platform/events/subscriber.ts), for the after-commit dispatcher
 * to run in processes with the worker role.
 */
import { surveySubscriber, ticketStatsSubscriber } from './modules/analytics/index.js';
import { notificationSubscriber } from './modules/notifications/index.js';
import { webhookSubscriber } from './modules/webhooks/index.js';
import type { AppDeps } from './platform/deps.js';
import type { EventSubscriber } from './platform/events/subscriber.js';

export function eventSubscribers(deps: AppDeps): EventSubscriber[] {
  return [
    webhookSubscriber({ db: deps.db, jobs: deps.jobs }),
    notificationSubscriber({ db: deps.db, jobs: deps.jobs, publicUrl: deps.config.publicUrl }),
    ticketStatsSubscriber({ db: deps.db, now: deps.now }),
    surveySubscriber({ db: deps.db, jobs: deps.jobs }),
  ];
}
