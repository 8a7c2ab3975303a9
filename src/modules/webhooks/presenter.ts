/** Webhook rows → API shapes. The secret is never part of a subscription's view. */
import type { Delivery, Subscription } from './repository.js';

export function presentSubscription(s: Subscription) {
  return {
    id: s.id,
    url: s.url,
    description: s.description,
    event_types: s.event_types,
    include_internal: s.include_internal,
    is_active: s.is_active,
    created_at: s.created_at.toISOString(),
    updated_at: s.updated_at.toISOString(),
  };
}
export type SubscriptionView = ReturnType<typeof presentSubscription>;

export function presentDelivery(d: Delivery) {
  const unfinished = d.status === 'pending' || d.status === 'delivering';
  return {
    id: d.id,
    subscription_id: d.subscription_id,
    event_id: d.event_id,
    event_type: d.event_type,
    status: d.status,
    attempts: d.attempts,
    response_code: d.response_code,
    duration_ms: d.duration_ms,
    last_error: d.last_error,
    next_attempt_at: unfinished ? d.next_attempt_at.toISOString() : null,
    delivered_at: d.delivered_at?.toISOString() ?? null,
    created_at: d.created_at.toISOString(),
  };
}
export type DeliveryView = ReturnType<typeof presentDelivery>;
