/**
 * `webhook.deliver`: one attempt at one delivery. In order: the delivery waits while an older delivery of
 * the same subscription and ticket is unfinished (that one hands over when it ends); it is claimed
 * (pending → delivering, one more attempt) in its own committed transaction; the target is checked by the
 * SSRF guard after DNS resolution and the request connects to the checked address; the answer is recorded.
 *
 * A 2xx ends it ('succeeded'). Anything else schedules the next attempt after retryDelaySeconds(attempts)
 * — 10 s, 30 s, 90 s … growing ×3 up to 4 h — until 24 h after the round began ('failed'). Either end
 * queues the next delivery of the ticket's chain. Receivers may see a request twice if the process dies
 * between their answer and the record; X-Bfg2-Delivery identifies a delivery for de-duplication.
 */
import type { Database } from '../../db/client.js';
import { inWorkspace } from '../../db/tenant.js';
import type { JobDefinition, JobQueue } from '../../platform/jobs/queue.js';
import type { Logger } from '../../platform/logger.js';
import { postToTarget, type PostResult } from './deliver-request.js';
import * as repo from './repository.js';
import { signWebhookBody, SIGNATURE_HEADER } from './signature.js';
import { checkTarget, TargetRefused, type Resolver } from './ssrf-guard.js';

declare module '../../platform/jobs/queue.js' {
  interface JobPayloads {
    'webhook.deliver': { workspaceId: number; deliveryId: number };
  }
}

/** An attempt still 'delivering' this long after its claim was interrupted (its process died). */
const STALE_CLAIM_MINUTES = 5;
const MAX_DELAY_SECONDS = 4 * 3600;

/** Seconds before the attempt after the given number of failed attempts: 10 s × 3^(n-1), at most 4 h. */
export function retryDelaySeconds(failedAttempts: number): number {
  return Math.min(10 * 3 ** Math.max(0, failedAttempts - 1), MAX_DELAY_SECONDS);
}

export interface DeliverJobDeps {
  db: Database;
  jobs: JobQueue;
  log: Logger;
  now: () => Date;
  /** WEBHOOK_ALLOW_PRIVATE_TARGETS. */
  allowPrivateTargets: boolean;
  resolve?: Resolver;
  /** Replaces retryDelaySeconds (tests). */
  retryDelay?: (failedAttempts: number) => number;
  timeoutMs?: number;
}

async function attempt(
  deps: DeliverJobDeps,
  url: string,
  secret: string,
  delivery: repo.Delivery,
): Promise<PostResult> {
  let target;
  try {
    target = await checkTarget(url, {
      allowPrivate: deps.allowPrivateTargets,
      ...(deps.resolve ? { resolve: deps.resolve } : {}),
    });
  } catch (err) {
    if (err instanceof TargetRefused)
      return { status: null, durationMs: 0, error: `target refused: ${err.message}` };
    throw err;
  }
  const timestamp = Math.floor(deps.now().getTime() / 1000);
  return postToTarget(
    target,
    delivery.body,
    {
      'content-type': 'application/json',
      'user-agent': 'bfg2-support-webhooks/1',
      'x-bfg2-event': delivery.event_type,
      'x-bfg2-delivery': String(delivery.id),
      [SIGNATURE_HEADER.toLowerCase()]: signWebhookBody(secret, timestamp, delivery.body),
    },
    deps.timeoutMs,
  );
}

/** Runs one attempt of the delivery if it is due and first in its chain; the job handler. */
export async function deliverWebhook(
  deps: DeliverJobDeps,
  workspaceId: number,
  deliveryId: number,
): Promise<void> {
  const { db, jobs } = deps;
  const claimed = await inWorkspace(db, workspaceId, async (tx) => {
    const delivery = await repo.claimDelivery(tx, workspaceId, deliveryId, deps.now(), STALE_CLAIM_MINUTES);
    if (!delivery) return null; // not due, finished, taken, or waiting for an older one of its ticket
    const subscription = await repo.findSubscription(tx, workspaceId, delivery.subscription_id);
    return subscription ? { delivery, subscription } : null;
  });
  if (!claimed) return;
  const { delivery, subscription } = claimed;

  const result = subscription.is_active
    ? await attempt(deps, subscription.url, subscription.secret, delivery)
    : { status: null, durationMs: 0, error: 'subscription is inactive' };
  const ok = result.status !== null && result.status >= 200 && result.status < 300;
  const now = deps.now();
  const delay = (deps.retryDelay ?? retryDelaySeconds)(delivery.attempts);
  const retryAt = new Date(now.getTime() + delay * 1000);
  const final = ok || !subscription.is_active || retryAt > delivery.give_up_at;

  await inWorkspace(db, workspaceId, async (tx) => {
    await repo.recordAttempt(tx, workspaceId, deliveryId, {
      status: ok ? 'succeeded' : final ? 'failed' : 'pending',
      response_code: result.status,
      duration_ms: result.durationMs,
      last_error: result.error.slice(0, 2000),
      claimed_at: null,
      ...(ok ? { delivered_at: now } : {}),
      ...(final ? {} : { next_attempt_at: retryAt }),
    });
    if (!final) {
      await jobs.enqueue(tx, 'webhook.deliver', { workspaceId, deliveryId }, { startAfterSeconds: delay });
      return;
    }
    const next = await repo.nextInChain(tx, delivery);
    if (next !== null) await jobs.enqueue(tx, 'webhook.deliver', { workspaceId, deliveryId: next });
  });
  const context = { workspaceId, deliveryId, attempts: delivery.attempts, status: result.status };
  if (!ok && final)
    deps.log.warn({ ...context, error: result.error }, 'webhook delivery failed; not retried');
  else if (!ok) deps.log.info({ ...context, retryInSeconds: delay }, 'webhook delivery failed; will retry');
}

/** The `webhook.deliver` job definition. A throw (database trouble) is retried by pg-boss. */
export function deliverWebhookJob(deps: DeliverJobDeps): JobDefinition<'webhook.deliver'> {
  return {
    name: 'webhook.deliver',
    retryLimit: 5,
    retryBackoff: true,
    handler: ({ workspaceId, deliveryId }) => deliverWebhook(deps, workspaceId, deliveryId),
  };
}
