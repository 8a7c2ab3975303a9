/** Agent notifications: the event subscriber, the staff member's API, and how members are @mentioned. */
export { NOTIFICATION_KINDS, DEFAULT_CHANNELS, type NotificationKind } from './kinds.js';
export { handleOf, mentionedHandles } from './mentions.js';
export { notifyOfEvent, type NotifyDeps } from './notify.js';
export { notificationRoutes } from './routes.js';
export { notificationSubscriber } from './subscriber.js';
