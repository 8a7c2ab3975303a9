/**
 * Every job queue the product uses. `migrate` creates them (pg-boss needs a queue before a job can be
 * sent to it); a test checks that every registered job definition is listed here.
 */
export const QUEUES = [
  'mail.send',
  'mail.sweep',
  'auth.sweep',
  'assignment.sweep',
  'sla.recompute',
  'sla.sweep',
  'sla.notify',
  'kb.sweep-views',
  'webhook.deliver',
  'chat.reoffer',
  'satisfaction.survey',
  'email.process',
  'email.imap-poll',
  'email.inbound-sweep',
] as const;

/**
 * The NOTIFY channel on which a committed job that is due now wakes its queue's workers (a trigger of
 * installJobSchema; payload: the queue's name).
 */
export const JOBS_CHANNEL = 'bfg2_jobs';
