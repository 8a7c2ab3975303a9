/**
 * The process's one LISTEN connection (db/listener.ts), shared by the dispatcher, the live feed, presence
 * and the job workers: `bfg2_events` (a domain event was committed; trigger of migration 0018),
 * `bfg2_presence` (an agent's presence, JSON), `bfg2_chat` (typing), `bfg2_jobs` (a job was committed;
 * platform/jobs) and `bfg2_mailboxes` (a mailbox's address or state changed; trigger of migration 0052). Without a LISTEN connection, presence and chat go to the local handlers directly and
 * the event readers and job workers poll.
 */
import type { Database } from '../../db/client.js';
import type { Listener } from '../../db/listener.js';
import { JOBS_CHANNEL } from '../jobs/queues.js';
import type { Logger } from '../logger.js';

export const EVENTS_CHANNEL = 'bfg2_events';
export const PRESENCE_CHANNEL = 'bfg2_presence';
/** Ephemeral chat signals (typing), JSON; modules/channels/chat. */
export const CHAT_CHANNEL = 'bfg2_chat';
/** A mailbox was created, deleted, or its address or state changed (the SMTP listener's RCPT cache). */
export const MAILBOXES_CHANNEL = 'bfg2_mailboxes';

export interface ProcessNotifications {
  /** fn runs when events were committed (and after a reconnect, when some may have been missed). */
  onEvents(fn: () => void): void;
  onPresence(fn: (payload: string) => void): void;
  /** Announces presence to every process (at commit when tx is given; now otherwise). */
  publishPresence(payload: string): Promise<void>;
  onChat(fn: (payload: string) => void): void;
  /** Sends an ephemeral chat signal (typing) to every process, now. */
  publishChat(payload: string): Promise<void>;
  /**
   * fn runs with the queue's name when a job due now was committed (`bfg2_jobs`), and with null after a
   * reconnect, when some may have been missed.
   */
  onJobs(fn: (signal: string | null) => void): void;
  /**
   * fn runs when a mailbox change was committed, and after a reconnect (some may have been missed). Without
   * a LISTEN connection it never runs: a cache that relies on it must also expire.
   */
  onMailboxes(fn: () => void): void;
  close(): Promise<void>;
}

export async function openNotifications(db: Database, log: Logger): Promise<ProcessNotifications> {
  const eventHandlers: (() => void)[] = [];
  const presenceHandlers: ((payload: string) => void)[] = [];
  const chatHandlers: ((payload: string) => void)[] = [];
  const jobHandlers: ((signal: string | null) => void)[] = [];
  const mailboxHandlers: (() => void)[] = [];
  const mailboxes = () => {
    for (const fn of mailboxHandlers) fn();
  };
  const jobs = (signal: string | null) => {
    for (const fn of jobHandlers) fn(signal);
  };
  const chat = (payload: string) => {
    for (const fn of chatHandlers) fn(payload);
  };
  const presence = (payload: string) => {
    for (const fn of presenceHandlers) fn(payload);
  };
  const events = () => {
    for (const fn of eventHandlers) fn();
  };
  const listener: Listener | null = await db.listen({
    channels: [EVENTS_CHANNEL, PRESENCE_CHANNEL, CHAT_CHANNEL, JOBS_CHANNEL, MAILBOXES_CHANNEL],
    onNotification(channel, payload) {
      if (channel === EVENTS_CHANNEL) events();
      else if (channel === JOBS_CHANNEL) jobs(payload);
      else if (channel === MAILBOXES_CHANNEL) mailboxes();
      else if (channel === CHAT_CHANNEL) chat(payload);
      else presence(payload);
    },
    onConnect: () => {
      events();
      jobs(null);
      mailboxes();
    },
    onError: (err) => log.warn({ err }, 'the LISTEN connection failed; reconnecting'),
  });
  return {
    onEvents: (fn) => eventHandlers.push(fn),
    onPresence: (fn) => presenceHandlers.push(fn),
    async publishPresence(payload) {
      if (listener) await db.raw.query('SELECT pg_notify($1, $2)', [PRESENCE_CHANNEL, payload]);
      else presence(payload);
    },
    onChat: (fn) => chatHandlers.push(fn),
    onJobs: (fn) => jobHandlers.push(fn),
    onMailboxes: (fn) => mailboxHandlers.push(fn),
    async publishChat(payload) {
      if (listener) await db.raw.query('SELECT pg_notify($1, $2)', [CHAT_CHANNEL, payload]);
      else chat(payload);
    },
    close: async () => {
      await listener?.close();
    },
  };
}
