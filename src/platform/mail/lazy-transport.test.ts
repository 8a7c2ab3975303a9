import { afterEach, describe, expect, it, vi } from 'vitest';
import { lazyMailTransport } from './lazy-transport.js';
import type { MailToSend, MailTransport } from './transport.js';

const mail: MailToSend = {
  id: 1,
  to_address: 'a@example.test',
  subject: 's',
  text_body: 't',
  html_body: null,
  headers: {},
  message_id: '<1@example.test>',
  created_at: new Date(),
};

function fakes() {
  const created: { sent: number; closed: number }[] = [];
  const create = (): MailTransport => {
    const t = { sent: 0, closed: 0 };
    created.push(t);
    return {
      send: () => {
        t.sent += 1;
        return Promise.resolve();
      },
      close: () => {
        t.closed += 1;
        return Promise.resolve();
      },
    };
  };
  return { created, create };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('lazyMailTransport', () => {
  it('creates nothing until the first mail', async () => {
    const { created, create } = fakes();
    const lazy = lazyMailTransport(create);
    await lazy.close();
    expect(created).toEqual([]);
  });

  it('reuses one transport while mail flows and closes it after the quiet period', async () => {
    vi.useFakeTimers();
    const { created, create } = fakes();
    const lazy = lazyMailTransport(create, 1_000);
    await lazy.send(mail);
    await vi.advanceTimersByTimeAsync(500);
    await lazy.send(mail);
    await vi.advanceTimersByTimeAsync(500);
    expect(created).toEqual([{ sent: 2, closed: 0 }]);
    await vi.advanceTimersByTimeAsync(600);
    expect(created).toEqual([{ sent: 2, closed: 1 }]);

    await lazy.send(mail);
    await lazy.close();
    expect(created).toEqual([
      { sent: 2, closed: 1 },
      { sent: 1, closed: 1 },
    ]);
  });
});
