/**
 * One HTTP POST of a webhook, to the address the SSRF guard checked: the socket's lookup answers that
 * address instead of asking DNS again, so the connection cannot land anywhere else (rebinding), while the
 * Host header and TLS server name stay the URL's host. Redirects are not followed: a 3xx is an answer like
 * any other non-2xx (a failed attempt), so a redirect can never lead to an unchecked target.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedTarget } from './ssrf-guard.js';

export const DELIVERY_TIMEOUT_MS = 10_000;
/** The most of a receiver's answer read (and kept for the log); the rest is discarded. */
const MAX_ANSWER_BYTES = 1024;

export interface PostResult {
  /** The HTTP status, or null when no answer came (refused, reset, timed out). */
  status: number | null;
  durationMs: number;
  error: string;
}

/** POSTs body to the checked target; never throws. */
export function postToTarget(
  target: CheckedTarget,
  body: string,
  headers: Record<string, string>,
  timeoutMs = DELIVERY_TIMEOUT_MS,
): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const pinned: LookupFunction = (_hostname, options, callback) => {
    const { address, family } = target.address;
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: PostResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const request = client.request(
      target.url,
      {
        method: 'POST',
        lookup: pinned,
        timeout: timeoutMs,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on('data', (chunk: Buffer) => {
          if (kept < MAX_ANSWER_BYTES) chunks.push(chunk.subarray(0, MAX_ANSWER_BYTES - kept));
          kept += chunk.length;
        });
        response.on('end', () => {
          const status = response.statusCode ?? null;
          const ok = status !== null && status >= 200 && status < 300;
          const answer = Buffer.concat(chunks).toString('utf8');
          const redirect =
            status !== null && status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
          done({
            status,
            durationMs: elapsed(),
            error: ok ? '' : `HTTP ${status}${redirect}: ${answer}`.trim(),
          });
        });
        response.on('error', (err) =>
          done({ status: response.statusCode ?? null, durationMs: elapsed(), error: err.message }),
        );
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (err) => done({ status: null, durationMs: elapsed(), error: err.message }));
    request.end(body);
  });
}
