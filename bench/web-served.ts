/**
 * The server's own side of a cold load (bench/web.ts): its access log (LOG_LEVEL=info, one JSON line per
 * request with the time the server spent on it, src/platform/http/access-log.ts) read from its output as
 * it comes, so a slow answer can be told apart from a slow browser — a request the server answered in
 * 5 ms but the page received 300 ms after asking waited for a connection, a core or the network stack.
 */

/** One request as the server logged it. */
export interface Served {
  /** When the answer was written (epoch ms, the machine's clock). */
  at: number;
  url: string;
  /** The server's own time for it, from the request's arrival to the answer written. */
  ms: number;
}

/** Collects the access-log lines of the server's output; `served` grows as they arrive. */
export function accessLog(): { served: Served[]; onOutput: (text: string) => void } {
  const served: Served[] = [];
  let partial = '';
  const onOutput = (text: string) => {
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      try {
        const entry = JSON.parse(line) as {
          msg?: unknown;
          url?: unknown;
          responseTime?: unknown;
          time?: unknown;
        };
        if (
          entry.msg === 'request' &&
          typeof entry.url === 'string' &&
          typeof entry.responseTime === 'number' &&
          typeof entry.time === 'number'
        )
          served.push({ at: entry.time, url: entry.url, ms: entry.responseTime });
      } catch {
        // Not a log line of ours (a child's output, a partial write): nothing to count.
      }
    }
  };
  return { served, onOutput };
}

/** The API requests the server answered between `from` and `to` (epoch ms). */
export function servedBetween(served: Served[], from: number, to: number): Served[] {
  return served.filter((s) => s.at >= from && s.at <= to && s.url.startsWith('/api/'));
}
