/** What a staff member can be notified of, and the channels each kind uses until they choose. */
import { NOTIFICATION_KINDS, type NotificationKind } from '../../db/schema.js';

export { NOTIFICATION_KINDS, type NotificationKind };

export interface Channels {
  in_app: boolean;
  email: boolean;
}

/**
 * Defaults: everything in the app; by email what needs the agent personally. SLA warnings are not mailed
 * by default because the SLA mail subscriber already mails them to the assignee or team (modules/sla).
 */
export const DEFAULT_CHANNELS: Record<NotificationKind, Channels> = {
  assigned: { in_app: true, email: true },
  team_ticket: { in_app: true, email: false },
  customer_reply: { in_app: true, email: true },
  sla_warning: { in_app: true, email: false },
  sla_breach: { in_app: true, email: true },
  mention: { in_app: true, email: true },
  bad_rating: { in_app: true, email: true },
};
