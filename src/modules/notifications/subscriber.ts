/** The notifications subscriber: the dispatcher hands it the events that can notify staff (recipients.ts). */
import { inWorkspace } from '../../db/tenant.js';
import { eventsByWorkspace, type EventSubscriber } from '../../platform/events/subscriber.js';
import { notifyIn, notifyOfEvent, type NotifyDeps } from './notify.js';
import { NOTIFYING_EVENTS, prefetchFor } from './recipients.js';

export function notificationSubscriber(deps: NotifyDeps): EventSubscriber {
  return {
    name: 'notifications',
    types: NOTIFYING_EVENTS,
    async handle(event) {
      await notifyOfEvent(deps, event);
    },
    // One transaction per workspace for a batch of events, its tickets and messages read at once.
    async handleBatch(events) {
      for (const [workspaceId, list] of eventsByWorkspace(events)) {
        await inWorkspace(deps.db, workspaceId, async (tx) => {
          const known = await prefetchFor(tx, workspaceId, list);
          for (const event of list) await notifyIn(deps, tx, event, known);
        });
      }
    },
  };
}
