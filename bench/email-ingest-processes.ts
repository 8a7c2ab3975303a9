/**
 * The processes of bench/email-ingest.ts: the product's worker and the floor, started from their bundles
 * (as `npm start` runs the product), asked for their figures over stdin/stdout; and the CPU clock of the
 * whole machine, PostgreSQL and this process.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { bundleServer } from '../scripts/server-bundle.mjs';

export interface Stats {
  cpuMs: number;
  statements: Record<string, number>;
  waitedMs: Record<string, number>;
}

/** A process of the bench's (the product, or the floor): its SMTP port and its answers on stdin/stdout. */
export interface Child<S> {
  port: number;
  stats(): Promise<S>;
  stop(): Promise<void>;
}

/** Starts `node <args>`, which prints `READY <smtp port>` and answers each `stats` line with a JSON line. */
export function startChild<S>(args: string[]): Promise<Child<S>> {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = () => new Promise<string>((resolve) => waiting.push(resolve));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code})`)));
    void next().then((ready) => {
      const port = Number(/READY (\d+)/.exec(ready)?.[1]);
      resolve({
        port,
        async stats() {
          const line = next();
          child.stdin.write('stats\n');
          return JSON.parse(await line) as S;
        },
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.stdin.write('stop\n');
          }),
      });
    });
  });
}

/**
 * The worker bundled into one file the way `npm run build` bundles the product (scripts/server-bundle.mjs),
 * so that the process measured runs what `npm start` runs: no TypeScript compiled on the fly while the
 * first mails come in. Written beside the bench (bench/.build/, ignored by git) so that the packages left
 * outside the bundle resolve from node_modules.
 */
export async function bundle(name: string): Promise<string> {
  const outfile = path.resolve(`bench/.build/${name}.mjs`);
  await bundleServer({ entry: `bench/${name}.ts`, outfile });
  return outfile;
}

export interface FloorStats {
  cpuMs: number;
  stored: number;
  parsed: number;
}
export type Floor = Child<FloorStats>;

/** CPU time so far (ms): the whole machine's busy time, all PostgreSQL processes', this process's. */
export interface CpuClock {
  machine: number;
  postgres: number;
  client: number;
}
const TICK_MS = 10; // USER_HZ is 100 on Linux
export function cpuClock(): CpuClock {
  let machine = 0;
  let postgres = 0;
  try {
    const [, ...f] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
    const v = f.map(Number); // user nice system idle iowait irq softirq steal
    machine = ((v[0] ?? 0) + (v[1] ?? 0) + (v[2] ?? 0) + (v[5] ?? 0) + (v[6] ?? 0) + (v[7] ?? 0)) * TICK_MS;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
        const rest = stat.slice(close + 2).split(' '); // from field 3 (state) on
        // utime, stime, and cutime, cstime: the postmaster's reaped children (backends and autovacuum
        // workers that ended meanwhile), whose time would otherwise drop out of the sum.
        postgres += (Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14])) * TICK_MS;
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    // not Linux: machine and PostgreSQL figures stay 0
  }
  const self = process.cpuUsage();
  return { machine, postgres, client: (self.user + self.system) / 1000 };
}
export const cpuSince = (a: CpuClock): CpuClock => {
  const b = cpuClock();
  return { machine: b.machine - a.machine, postgres: b.postgres - a.postgres, client: b.client - a.client };
};
