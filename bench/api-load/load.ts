/**
 * Drives a server with autocannon (npm, pure JavaScript: nothing to install beyond `npm ci`) through a
 * sequence of templates, and measures req/s, latency percentiles and errors, overall and per kind.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { Template } from './workload.js';

export interface Stats {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** Status codes ≥ 400 and socket errors, with a sample of what they were. */
  errorSample: string;
  byKind: Map<string, { count: number; p50: number; p95: number; errors: number }>;
  /** Every latency, for merging rounds. */
  latencies: Float64Array;
  seconds: number;
  /** CPU seconds the measured server process used meanwhile, when its pid was given. */
  cpu: number;
}

/** Per-send changes: a new Idempotency-Key, a status change that alternates and never races. */
export interface Dynamic {
  setup?: (template: Template) => Partial<Pick<Template, 'path' | 'body' | 'headers'>> & {
    release?: () => void;
  };
}

const percentile = (sorted: Float64Array, p: number): number =>
  sorted.length === 0
    ? NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN);

interface Tagged extends autocannon.Request {
  kind: string;
}

interface Context {
  release?: () => void;
}

interface Client {
  requestIterator: { currentRequest: Tagged; context: Context };
}

/** Runs `sequence` (template indexes) against `url` with `connections` for `seconds`. */
export async function runLoad(options: {
  url: string;
  templates: Template[];
  sequence: number[];
  connections: number;
  seconds: number;
  dynamic?: (template: Template, index: number) => Dynamic['setup'] | undefined;
  /** Extra headers per template index (the bare server's X-Bench-Template). */
  extraHeaders?: (index: number) => Record<string, string>;
  /** Cap on the request rate (soak); unlimited when absent. */
  overallRate?: number;
  /** The server's process, whose CPU time is measured over the run. */
  pid?: number;
}): Promise<Stats> {
  const requests: Tagged[] = options.sequence.map((index) => {
    const t = options.templates[index] as Template;
    const headers = { ...t.headers, ...(options.extraHeaders?.(index) ?? {}) };
    const setup = options.dynamic?.(t, index);
    const request: Tagged = {
      kind: t.kind,
      method: t.method,
      path: t.path,
      headers,
      ...(t.body !== undefined ? { body: t.body } : {}),
    };
    if (setup) {
      // autocannon builds each send from a copy of the request: what the response must release is kept
      // in the connection's context, which the 'response' listener below reads.
      request.setupRequest = (req, context) => {
        const change = setup(t);
        const out = req as Tagged;
        out.path = change.path ?? t.path;
        if (change.body !== undefined) out.body = change.body;
        out.headers = { ...headers, ...(change.headers ?? {}) };
        (context as Context).release = change.release;
        return out;
      };
    }
    return request;
  });

  const latencies: number[] = [];
  const kinds = new Map<string, { lat: number[]; errors: number }>();
  let errors = 0;
  const samples = new Set<string>();
  let finished!: (result: autocannon.Result) => void;
  let failed!: (err: unknown) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finished = resolve;
    failed = reject;
  });
  // The callback form returns the instance, whose 'response' events give each request's latency.
  const instance = autocannon(
    {
      url: options.url,
      connections: options.connections,
      duration: options.seconds,
      requests,
      ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    },
    (err: unknown, result: autocannon.Result) => (err ? failed(err) : finished(result)),
  );
  instance.on('response', (client: unknown, status: number, _bytes: number, ms: number) => {
    const { currentRequest: current, context } = (client as Client).requestIterator;
    context.release?.();
    context.release = undefined;
    latencies.push(ms);
    let k = kinds.get(current.kind);
    if (!k) kinds.set(current.kind, (k = { lat: [], errors: 0 }));
    k.lat.push(ms);
    if (status >= 400) {
      errors++;
      k.errors++;
      if (samples.size < 5) samples.add(`${status} ${current.method ?? ''} ${current.path ?? ''}`);
    }
  });
  const cpuBefore = cpuSeconds(options.pid);
  const result = await done;
  const cpu = cpuSeconds(options.pid) - cpuBefore;
  errors += result.errors + result.timeouts;
  if (result.errors > 0) samples.add(`${result.errors} socket errors, ${result.timeouts} timeouts`);
  const sorted = Float64Array.from(latencies).sort();
  const byKind = new Map<string, { count: number; p50: number; p95: number; errors: number }>();
  for (const [kind, k] of kinds) {
    const s = Float64Array.from(k.lat).sort();
    byKind.set(kind, { count: s.length, p50: percentile(s, 50), p95: percentile(s, 95), errors: k.errors });
  }
  return {
    requests: latencies.length,
    rps: latencies.length / options.seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors,
    errorSample: [...samples].join('; '),
    byKind,
    latencies: sorted,
    seconds: options.seconds,
    cpu,
  };
}

/** user + system CPU seconds of a process so far (Linux /proc), NaN when unknown. */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Rounds of the same case merged: requests over total time, percentiles over all latencies. */
export function mergeStats(rounds: Stats[]): Stats {
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  const all = new Float64Array(rounds.reduce((n, r) => n + r.latencies.length, 0));
  let at = 0;
  for (const r of rounds) {
    all.set(r.latencies, at);
    at += r.latencies.length;
  }
  all.sort();
  const byKind = new Map<string, { count: number; p50: number; p95: number; errors: number }>();
  for (const r of rounds) {
    for (const [kind, k] of r.byKind) {
      const was = byKind.get(kind);
      // Per-kind percentiles of the round with the most samples of it (a summary, not a merge).
      if (!was || k.count > was.count) byKind.set(kind, { ...k, errors: k.errors + (was?.errors ?? 0) });
    }
  }
  return {
    requests: all.length,
    rps: all.length / seconds,
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    p99: percentile(all, 99),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    errorSample: rounds
      .map((r) => r.errorSample)
      .filter(Boolean)
      .join('; '),
    byKind,
    latencies: all,
    seconds,
    cpu: rounds.reduce((n, r) => n + r.cpu, 0),
  };
}
