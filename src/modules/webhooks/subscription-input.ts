/**
 * Checks of a subscription's URL (SSRF guard) and event types, shared by create and update. They run
 * before the use case's transaction: resolving a host name can take seconds, and no transaction (on the
 * embedded database, the one session) should wait for DNS.
 */
import { invalid } from '../../platform/errors.js';
import { ALL_EVENTS, isWebhookEventType } from './catalogue.js';
import { checkTarget, TargetRefused, type Resolver } from './ssrf-guard.js';

export interface SubscriptionInput {
  url?: string;
  description?: string;
  event_types?: string[];
  include_internal?: boolean;
  is_active?: boolean;
}

/** Target settings the use cases receive (WEBHOOK_ALLOW_PRIVATE_TARGETS, a resolver in tests). */
export interface TargetPolicy {
  allowPrivateTargets: boolean;
  resolve?: Resolver;
}

/** 400 unless the URL is http(s) and resolves only to addresses the install allows. */
export async function assertTargetAllowed(url: string, policy: TargetPolicy): Promise<string> {
  try {
    const checked = await checkTarget(url, {
      allowPrivate: policy.allowPrivateTargets,
      ...(policy.resolve ? { resolve: policy.resolve } : {}),
    });
    return checked.url.toString();
  } catch (err) {
    if (err instanceof TargetRefused) throw invalid('url', err.message);
    throw err;
  }
}

/** The event types, de-duplicated; 400 for a type outside the catalogue. '*' alone stands for all. */
export function cleanEventTypes(types: string[]): string[] {
  const unique = [...new Set(types)];
  if (unique.length === 0) throw invalid('event_types', 'name at least one event type, or "*"');
  if (unique.includes(ALL_EVENTS)) return [ALL_EVENTS];
  for (const t of unique) {
    if (!isWebhookEventType(t)) throw invalid('event_types', `"${t}" is not an event type of the catalogue`);
  }
  return unique;
}

declare const checked: unique symbol;
/** Input that went through checkSubscriptionInput: the use cases take nothing else. */
export type Checked<T extends SubscriptionInput> = T & { readonly [checked]: true };

/** The input with its URL checked and normalised and its event types cleaned; 400 otherwise. */
export async function checkSubscriptionInput<T extends SubscriptionInput>(
  input: T,
  policy: TargetPolicy,
): Promise<Checked<T>> {
  return {
    ...input,
    ...(input.url !== undefined ? { url: await assertTargetAllowed(input.url, policy) } : {}),
    ...(input.event_types !== undefined ? { event_types: cleanEventTypes(input.event_types) } : {}),
  } as Checked<T>;
}
