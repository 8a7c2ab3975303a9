/**
 * The visitors of bench/chat.ts, in their own process (so the server's memory is the server's):
 *   tsx bench/chat-clients.ts <ws url> <count> <tokens.json | ->
 * Opens `count` sockets (with a token file: chat visitors that authenticate; with '-': bare sockets),
 * prints "ready", then on each stdin line "send <i>" socket i sends a line stamped with the clock; "close" ends.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

const [url = '', countArg = '0', tokenFile = '-'] = process.argv.slice(2);
const count = Number(countArg);
const tokens = tokenFile === '-' ? null : (JSON.parse(readFileSync(tokenFile, 'utf8')) as string[]);
const sockets: WebSocket[] = [];
let seq = 0;

async function openOne(i: number): Promise<WebSocket> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  if (!tokens) return socket;
  await new Promise<void>((resolve) => {
    socket.on('message', function ready(data: Buffer) {
      if ((JSON.parse(data.toString()) as { type: string }).type !== 'ready') return;
      socket.off('message', ready);
      resolve();
    });
    socket.send(JSON.stringify({ type: 'auth', token: tokens[i] }));
  });
  return socket;
}

for (let i = 0; i < count; i += 50) {
  const batch = await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, k) => openOne(i + k)));
  sockets.push(...batch);
}
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  const [cmd, arg] = line.split(' ');
  if (cmd === 'send') {
    const t = performance.timeOrigin + performance.now();
    seq += 1;
    sockets[Number(arg)]?.send(JSON.stringify({ type: 'message', client_id: `b${seq}`, text: `t=${t}` }));
  } else if (cmd === 'close') {
    for (const s of sockets) s.close();
    process.exit(0);
  }
}
