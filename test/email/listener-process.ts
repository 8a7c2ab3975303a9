/**
 * The SMTP listener alone in a process of its own, for the durability test (kill -9 mid-send):
 * `tsx test/email/listener-process.ts <database url> <port>` prints `READY <port>` once it listens.
 */
import { openDatabase } from '../../src/db/client.js';
import { startSmtpListener } from '../../src/modules/email/index.js';
import { createPgBossQueue } from '../../src/platform/jobs/pg-boss-queue.js';
import { createLogger } from '../../src/platform/logger.js';

const [url, port] = process.argv.slice(2);
if (!url) throw new Error('usage: listener-process.ts <database url> [port]');
const db = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 8 });
const jobs = createPgBossQueue(db.raw, { pollSeconds: 1, supervise: false });
const listener = await startSmtpListener({
  db,
  jobs,
  log: createLogger('silent'),
  port: Number(port ?? 0),
  host: '127.0.0.1',
  maxBytes: 10 * 1024 * 1024,
});
process.stdout.write(`READY ${listener.port}\n`);
