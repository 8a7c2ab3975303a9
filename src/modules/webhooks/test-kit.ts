/**
 * Test helpers of the webhook tests: a local receiver on 127.0.0.1 (ports 3600–3699) that can fail its
 * first requests or redirect, and a job queue that keeps the jobs it is given so a test can run them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JobName, JobPayloads, JobQueue } from '../../platform/jobs/queue.js';

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  status: number;
}

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** Requests answered 2xx, in arrival order. */
  accepted(): Received[];
  close(): Promise<void>;
}

/** A receiver that answers `answer(n, body)` to its n-th request (0-based): a status, or a redirect. */
export async function startReceiver(
  port: number,
  answer: (n: number, body: string) => { status: number; location?: string } = () => ({ status: 200 }),
): Promise<Receiver> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const reply = answer(received.length, body);
      received.push({ headers: req.headers, body, status: reply.status });
      res.writeHead(reply.status, reply.location ? { location: reply.location } : {});
      res.end(reply.status >= 400 ? 'receiver says no' : 'ok');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/hook`,
    port: actual,
    received,
    accepted: () => received.filter((r) => r.status >= 200 && r.status < 300),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface KeptJob<N extends JobName = JobName> {
  name: N;
  payload: JobPayloads[N];
  startAfterSeconds: number;
}

/** A JobQueue that keeps what is enqueued (committed or not: tests use it with committing callers). */
export function keepingQueue(): JobQueue & { kept: KeptJob[] } {
  const kept: KeptJob[] = [];
  return {
    kept,
    enqueue(_tx, name, payload, options) {
      kept.push({ name, payload, startAfterSeconds: options?.startAfterSeconds ?? 0 });
      return Promise.resolve();
    },
    startWorkers: () => Promise.resolve(),
    stop: () => Promise.resolve(),
  };
}
