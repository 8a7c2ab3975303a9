/**
 * Every event subscriber of the product (platform/events/subscriber.ts), for the after-commit dispatcher
 * to run in processes with the worker role.
 */
import { queueSubscriber } from './modules/assignment/index.js';
import { outboundMailSubscriber } from './modules/email/index.js';
import { chatMailSubscriber, socialReplySubscriber } from './modules/channels/index.js';
import { surveySubscriber, ticketStatsSubscriber } from './modules/analytics/index.js';
import { notificationSubscriber } from './modules/notifications/index.js';
import { slaMailSubscriber } from './modules/sla/index.js';
import { webhookSubscriber } from './modules/webhooks/index.js';
import type { AppDeps } from './platform/deps.js';
import type { EventSubscriber } from './platform/events/subscriber.js';

export function eventSubscribers(deps: AppDeps): EventSubscriber[] {
  return [
    webhookSubscriber({ db: deps.db, jobs: deps.jobs }),
    queueSubscriber({ db: deps.db, now: deps.now }),
    notificationSubscriber({ db: deps.db, jobs: deps.jobs, publicUrl: deps.config.publicUrl }),
    slaMailSubscriber({ db: deps.db, jobs: deps.jobs, publicUrl: deps.config.publicUrl }),
    outboundMailSubscriber({
      db: deps.db,
      jobs: deps.jobs,
      log: deps.log,
      publicUrl: deps.config.publicUrl,
      mailFrom: deps.config.mailFrom,
      ackCapPerHour: deps.config.mailAckCapPerHour,
    }),
    chatMailSubscriber({ db: deps.db, jobs: deps.jobs }),
    socialReplySubscriber({ db: deps.db }),
    ticketStatsSubscriber({ db: deps.db, now: deps.now }),
    surveySubscriber({ db: deps.db, jobs: deps.jobs }),
  ];
}
