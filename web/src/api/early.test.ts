import { afterEach, describe, expect, it } from 'vitest';
import { earlyKey, takeEarly } from './early';

const answer = (body: string) => Promise.resolve(new Response(body));

afterEach(() => {
  globalThis.bfg2Early = undefined;
});

describe('early answers of the boot script', () => {
  it('keys a GET by path, query in any order and workspace', () => {
    expect(earlyKey('/api/x/?b=2&a=1', null)).toBe(earlyKey('http://127.0.0.1:9/api/x/?a=1&b=2', null));
    expect(earlyKey('/api/x/?status=new%2Copen', null)).toBe(earlyKey('/api/x/?status=new,open', null));
    expect(earlyKey('/api/x/?a=1', 'demo')).not.toBe(earlyKey('/api/x/?a=1', null));
    expect(earlyKey('/api/x/?a=1', null)).not.toBe(earlyKey('/api/x/?a=2', null));
  });

  it('hands each answer out once, to a GET of the same URL and workspace only', async () => {
    const answers = new Map<string, Promise<Response>>();
    answers.set(earlyKey('/api/auth/me', null), answer('me'));
    answers.set(earlyKey('/api/list/?limit=50&sort=created_at', 'demo'), answer('list'));
    globalThis.bfg2Early = { answers };

    const post = new Request('http://localhost/api/auth/me', { method: 'POST' });
    expect(takeEarly(post)).toBeUndefined();
    const otherWorkspace = new Request('http://localhost/api/list/?sort=created_at&limit=50');
    expect(takeEarly(otherWorkspace)).toBeUndefined();

    const list = new Request('http://localhost/api/list/?sort=created_at&limit=50', {
      headers: { 'X-Workspace': 'demo' },
    });
    expect(await (await takeEarly(list))?.text()).toBe('list');
    expect(takeEarly(list)).toBeUndefined();
    const me = takeEarly(new Request('http://localhost/api/auth/me'));
    expect(await (await me)?.text()).toBe('me');
    expect(answers.size).toBe(0);
  });

  it('has nothing to hand out without the boot script', () => {
    expect(takeEarly(new Request('http://localhost/api/auth/me'))).toBeUndefined();
  });
});
