/**
 * The floor of bench/email-ingest.ts: the least any implementation of issue 14 must do per mail, in a
 * process of its own like the product's. An SMTP listener with the product listener's settings answers
 * 250 only after the raw mail is committed (group commit, as store-inbound.ts: one INSERT for the mails
 * that arrived meanwhile) into a bare table with no index but its key; after the 250 each mail is parsed
 * with mailparser (one at a time, as a job worker would). Nothing else: no recipient check against
 * mailboxes, no job row, no customer, ticket, thread or event. Prints `READY <port>`; each `stats` line
 * on stdin is answered by `{ cpuMs, stored, parsed }`.
 *
 *   tsx bench/email-floor-worker.ts <database url>
 */
import { createInterface } from 'node:readline';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { groupWhileBusy } from '../src/platform/batching/group-while-busy.js';

const [url] = process.argv.slice(2);
if (!url) throw new Error('usage: email-floor-worker.ts <database url>');
const pool = new pg.Pool({ connectionString: url, max: 4 });
await pool.query('CREATE TABLE IF NOT EXISTS floor_inbound (id bigserial PRIMARY KEY, raw bytea NOT NULL)');

let stored = 0;
let parsed = 0;
const store = groupWhileBusy(
  async (raws: Buffer[]) => {
    const r = await pool.query<{ id: string }>(
      'INSERT INTO floor_inbound (raw) SELECT unnest($1::bytea[]) RETURNING id',
      [raws],
    );
    stored += raws.length;
    return r.rows.map((row) => Number(row.id));
  },
  { max: 100 },
);
const toParse: Buffer[] = [];
let parsing = false;
async function parseAll() {
  parsing = true;
  for (let raw = toParse.shift(); raw; raw = toParse.shift()) {
    await simpleParser(raw);
    parsed++;
  }
  parsing = false;
}

const server = new SMTPServer({
  name: 'floor',
  size: 25 * 1024 * 1024,
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  hideDSN: true,
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', (err) => callback(err));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks);
      store(raw).then(
        () => {
          callback(null, '2.0.0 stored');
          toParse.push(raw);
          if (!parsing) void parseAll();
        },
        (err: unknown) => callback(err as Error),
      );
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`READY ${(server.server.address() as AddressInfo).port}\n`);
});
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'stats') {
    const cpu = process.cpuUsage();
    process.stdout.write(`${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, stored, parsed })}\n`);
  } else if (line.trim() === 'stop') {
    server.close(() => void pool.end().finally(() => process.exit(0)));
  }
});
