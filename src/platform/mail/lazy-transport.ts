/**
 * A transport that exists only while mail flows: created on the first send, closed after a quiet
 * period. Job definitions have no shutdown hook, so this is what keeps pooled SMTP connections from
 * being held open (or cut mid-session at exit) by a worker that has nothing to send.
 */
import type { MailToSend, MailTransport } from './transport.js';

/** Wraps `create` so the real transport is built on demand and closed after `idleMs` without sends. */
export function lazyMailTransport(create: () => MailTransport, idleMs = 30_000): MailTransport {
  let current: MailTransport | null = null;
  let inFlight = 0;
  let idleTimer: NodeJS.Timeout | null = null;

  const release = (): Promise<void> => {
    const transport = current;
    current = null;
    return transport ? transport.close() : Promise.resolve();
  };
  const cancelIdle = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
  };

  return {
    async send(mail: MailToSend) {
      cancelIdle();
      current ??= create();
      inFlight += 1;
      try {
        await current.send(mail);
      } finally {
        inFlight -= 1;
        if (inFlight === 0) {
          idleTimer = setTimeout(() => void release().catch(() => undefined), idleMs);
          idleTimer.unref();
        }
      }
    },
    async wasDelivered(mail: MailToSend) {
      if (current) return current.wasDelivered ? current.wasDelivered(mail) : undefined;
      // Asked while idle (the sweep): a short-lived transport, closed again at once.
      const probe = create();
      try {
        return probe.wasDelivered ? await probe.wasDelivered(mail) : undefined;
      } finally {
        await probe.close();
      }
    },
    close() {
      cancelIdle();
      return release();
    },
  };
}
