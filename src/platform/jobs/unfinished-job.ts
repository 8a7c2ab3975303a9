/**
 * A SQL condition for sweeps that must know whether a job for some row is still on its way (waiting,
 * retrying or running). pg-boss keeps jobs in our database, so this is one anti-join rather than a
 * guess from timestamps; it reads pg-boss's table, so only system-level (asSystem) queries may use it.
 */
import { sql, type Expression, type RawBuilder } from 'kysely';
import { JOB_SCHEMA } from './pg-boss-queue.js';
import type { JobName, JobPayloads } from './queue.js';

/**
 * `EXISTS (an unfinished job named name whose payload[field] equals value)`; value is compared as text,
 * e.g. `hasUnfinishedJob('mail.send', 'outboundEmailId', sql.ref('e.id'))`.
 */
export function hasUnfinishedJob<N extends JobName>(
  name: N,
  field: keyof JobPayloads[N] & string,
  value: Expression<unknown>,
): RawBuilder<boolean> {
  // job_state is an ordered enum: created < retry < active < completed < cancelled < failed.
  return sql<boolean>`EXISTS (
    SELECT 1 FROM ${sql.table(`${JOB_SCHEMA}.job`)} AS unfinished
    WHERE unfinished.name = ${name} AND unfinished.state < 'completed'
      AND unfinished.data ->> ${field}::text = (${value})::text
  )`;
}
