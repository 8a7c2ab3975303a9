/**
 * The SSE clients of bench/events.ts, in a process of their own so that the server's memory is the
 * server's: opens --clients streams, then reports (JSON on stdout, when stdin closes) when each client
 * received each event: {eventId: [epoch ms, …]}.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const [url, token, count] = [process.argv[2] ?? '', process.argv[3] ?? '', Number(process.argv[4] ?? 0)];
const seen = new Map<number, number[]>();
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
let open = 0;

function connect(): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      open += 1;
      res.setEncoding('utf8');
      let buf = '';
      res.on('data', (chunk: string) => {
        const at = performance.timeOrigin + performance.now();
        buf += chunk;
        let end;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (!data) continue;
          const id = (JSON.parse(data) as { id: number }).id;
          const list = seen.get(id);
          if (list) list.push(at);
          else seen.set(id, [at]);
        }
      });
      resolve();
    });
    req.on('error', reject);
  });
}

for (let i = 0; i < count; i += 50) {
  await Promise.all(Array.from({ length: Math.min(50, count - i) }, connect));
}
process.stdout.write(`${JSON.stringify({ ready: open })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  // Stdout is a pipe, written asynchronously: exit once it is flushed.
  process.stdout.write(`${JSON.stringify({ seen: Object.fromEntries(seen) })}\n`, () => process.exit(0));
});
