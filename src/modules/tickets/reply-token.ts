/**
 * A ticket's reply token: the tag of its reply address (`support+<token>@shop.test`) that threads a
 * customer's answer back onto it. Every ticket gets one when it is created, so that mailing it never has
 * to write (and lock) the ticket's row; tickets made before that get theirs on their first mail.
 */
import { randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 16 lowercase base32 characters (80 random bits). */
export function newReplyToken(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}
