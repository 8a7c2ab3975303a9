/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, as bench/api-load.ts --profile writes): the share of
 * samples idle, in garbage collection, and the functions and packages with the most self time.
 *
 *   npx tsx bench/api-load/profile-summary.ts <file.cpuprofile> [--top 25]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [--top N]');
const topIndex = process.argv.indexOf('--top');
const TOP = topIndex >= 0 ? Number(process.argv[topIndex + 1]) : 25;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** node_modules/<package> or our own path, for grouping. */
function owner(url: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1] ?? url;
  if (url.includes('/src/')) return `src/${url.split('/src/')[1]?.split('/').slice(0, 2).join('/') ?? ''}`;
  if (url.startsWith('node:')) return url;
  return url ? 'other' : '(native/V8)';
}

const fns = new Map<string, number>();
const owners = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id);
  if (!n) continue;
  const { functionName, url, lineNumber } = n.callFrame;
  const name = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/src\//, 'src/')}:${lineNumber + 1}`;
  fns.set(name, (fns.get(name) ?? 0) + t);
  const o = ['(idle)', '(garbage collector)', '(program)'].includes(functionName) ? functionName : owner(url);
  owners.set(o, (owners.get(o) ?? 0) + t);
}
const pct = (t: number) => `${((t / total) * 100).toFixed(1).padStart(5)} %`;
process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s sampled\n\nby package/area (self time):\n`);
for (const [o, t] of [...owners].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
  process.stdout.write(`  ${pct(t)}  ${o}\n`);
}
process.stdout.write('\nfunctions (self time):\n');
for (const [name, t] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
  process.stdout.write(`  ${pct(t)}  ${name}\n`);
}
