import { describe, expect, it } from 'vitest';
import { checkTarget, isPublicAddress, TargetRefused, type Resolver } from './ssrf-guard.js';

const refuse = (url: string, resolve?: Resolver) =>
  expect(checkTarget(url, { allowPrivate: false, ...(resolve ? { resolve } : {}) })).rejects.toBeInstanceOf(
    TargetRefused,
  );
const resolvesTo =
  (...addresses: string[]): Resolver =>
  () =>
    Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));

describe('SSRF guard', () => {
  it('classifies addresses: only public unicast passes', () => {
    const blocked = [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '224.0.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:a9fe:a9fe',
    ];
    for (const a of blocked) expect(isPublicAddress(a), a).toBe(false);
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700::1111']) expect(isPublicAddress(a), a).toBe(true);
  });

  it('refuses loopback, private, metadata and IPv6 literals, and names resolving to them', async () => {
    await refuse('http://127.0.0.1:3600/hook');
    await refuse('http://10.0.0.5/hook');
    await refuse('http://169.254.169.254/latest/meta-data/');
    await refuse('http://[::1]:3600/hook');
    await refuse('http://[::ffff:127.0.0.1]/hook');
    await refuse('http://2130706433/hook'); // 127.0.0.1 as one number
    await refuse('http://localhost:3600/hook'); // the system resolver answers 127.0.0.1 / ::1
    await refuse('https://hooks.example.test/x', resolvesTo('93.184.216.34', '10.0.0.1')); // any bad address
    await refuse('https://hooks.example.test/x', () => Promise.reject(new Error('ENOTFOUND')));
  });

  it('refuses other schemes and credentials even when private targets are allowed', async () => {
    for (const url of [
      'ftp://example.test/',
      'file:///etc/passwd',
      'http://user:pw@example.test/',
      'nonsense',
    ]) {
      await expect(checkTarget(url, { allowPrivate: true })).rejects.toBeInstanceOf(TargetRefused);
    }
  });

  it('returns the checked address to connect to; private ones only when allowed', async () => {
    const checked = await checkTarget('https://hooks.example.test/x', {
      allowPrivate: false,
      resolve: resolvesTo('93.184.216.34'),
    });
    expect(checked.address).toEqual({ address: '93.184.216.34', family: 4 });
    expect(checked.url.hostname).toBe('hooks.example.test');
    const local = await checkTarget('http://127.0.0.1:3600/', { allowPrivate: true });
    expect(local.address.address).toBe('127.0.0.1');
  });
});
