/** The notifications subscriber: the dispatcher hands it the events that can notify staff (recipients.ts). */
import type { EventSubscriber } from '../../platform/events/subscriber.js';
import { notifyOfEvent, type NotifyDeps } from './notify.js';
import { NOTIFYING_EVENTS } from './recipients.js';

export function notificationSubscriber(deps: NotifyDeps): EventSubscriber {
  return {
    name: 'notifications',
    types: NOTIFYING_EVENTS,
    async handle(event) {
      await notifyOfEvent(deps, event);
    },
  };
}
