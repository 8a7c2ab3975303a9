import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyWebhookSignature } from './signature.js';

const secret = 'whsec_test';
const body = '{"id":1,"type":"ticket.created"}';
const t = 1_800_000_000;

describe('webhook signatures', () => {
  it('verifies a signature made over timestamp and body', () => {
    const header = signWebhookBody(secret, t, body);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ secret, header, body, nowSeconds: t + 10 })).toEqual({
      ok: true,
      timestamp: t,
    });
  });

  it('refuses a tampered body, another secret, or a changed timestamp', () => {
    const header = signWebhookBody(secret, t, body);
    expect(verifyWebhookSignature({ secret, header, body: body.replace('1', '2'), nowSeconds: t })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyWebhookSignature({ secret: 'other', header, body, nowSeconds: t })).toMatchObject({
      ok: false,
    });
    const moved = header.replace(`t=${t}`, `t=${t + 1}`);
    expect(verifyWebhookSignature({ secret, header: moved, body, nowSeconds: t })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('refuses an expired or future timestamp beyond the tolerance', () => {
    const header = signWebhookBody(secret, t, body);
    expect(verifyWebhookSignature({ secret, header, body, nowSeconds: t + 301 })).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyWebhookSignature({ secret, header, body, nowSeconds: t - 301 })).toMatchObject({
      reason: 'expired',
    });
    expect(
      verifyWebhookSignature({ secret, header, body, nowSeconds: t + 3000, toleranceSeconds: 3600 }).ok,
    ).toBe(true);
  });

  it('refuses malformed headers', () => {
    for (const header of [undefined, '', 'v1=abc', `t=${t}`, `t=soon,v1=${'a'.repeat(64)}`]) {
      expect(verifyWebhookSignature({ secret, header, body, nowSeconds: t })).toEqual({
        ok: false,
        reason: 'malformed',
      });
    }
    expect(verifyWebhookSignature({ secret, header: `t=${t},v1=xyz`, body, nowSeconds: t }).ok).toBe(false);
  });
});
