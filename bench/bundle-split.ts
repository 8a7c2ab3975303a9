/**
 * Which code each part of the SPA loads before its first screen (issue 15: the admin console split from
 * the desk and portal bundles). Builds web/ in memory with Vite and, from Rollup's chunk graph, follows
 * the static imports of the entry and of every lazy route chunk. Prints the initial JavaScript of the
 * app shell, the portal, the desk and the admin console (raw and gzip) and exits 1 when the shell, a
 * portal chunk or a desk chunk statically pulls in a module of web/src/admin/ (or the portal one of
 * web/src/desk/). Static analysis: no server, no browser — bench/portal-web.ts measures in Chromium.
 *
 *   npx tsx bench/bundle-split.ts
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';

type OutputChunk = Rollup.OutputChunk;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB = path.join(ROOT, 'web');
const area = (id: string) => path.relative(path.join(WEB, 'src'), id).split(path.sep)[0] ?? '';

const output = await build({
  configFile: path.join(WEB, 'vite.config.ts'),
  logLevel: 'silent',
  build: { write: false },
});
const bundles = (Array.isArray(output) ? output : [output]) as Rollup.RollupOutput[];
const chunks = new Map<string, OutputChunk>();
for (const b of bundles) for (const c of b.output) if (c.type === 'chunk') chunks.set(c.fileName, c);

/** The chunk and everything it imports statically (what the browser fetches before it runs). */
function closure(start: OutputChunk): OutputChunk[] {
  const seen = new Map<string, OutputChunk>();
  const visit = (c: OutputChunk) => {
    if (seen.has(c.fileName)) return;
    seen.set(c.fileName, c);
    for (const i of c.imports) {
      const next = chunks.get(i);
      if (next) visit(next);
    }
  };
  visit(start);
  return [...seen.values()];
}

const size = (list: OutputChunk[]) => ({
  raw: list.reduce((n, c) => n + Buffer.byteLength(c.code), 0),
  gzip: list.reduce((n, c) => n + gzipSync(c.code).length, 0),
});
const kb = (x: number) => `${(x / 1024).toFixed(1)} kB`;
const modulesOf = (list: OutputChunk[]) => list.flatMap((c) => Object.keys(c.modules));

const entry = [...chunks.values()].find((c) => c.isEntry);
if (!entry) throw new Error('no entry chunk');
const shell = closure(entry);
const shellFiles = new Set(shell.map((c) => c.fileName));
const failures: string[] = [];
const foreign = (list: OutputChunk[], forbidden: string[]) =>
  modulesOf(list).filter((id) => id.startsWith(WEB) && forbidden.includes(area(id)));

/**
 * The router needs every route table at start: a part's routes.tsx (lazy imports only), its URL list and
 * its guard are allowed in the shell; anything else of the admin, desk or portal is not.
 */
const ROUTE_GLUE = /\/(routes\.tsx|urls\.ts|AdminOnly\.tsx|PortalGuard\.tsx)$/;
for (const id of foreign(shell, ['admin', 'desk', 'portal'])) {
  if (!ROUTE_GLUE.test(id)) failures.push(`app shell loads ${path.relative(ROOT, id)}`);
}
/** Rendered bytes of the shell's modules per folder of web/src (i18n/areas files on their own). */
const byArea = new Map<string, number>();
for (const c of shell) {
  for (const [id, info] of Object.entries(c.modules)) {
    const rel = path.relative(path.join(WEB, 'src'), id);
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)?.[1];
    const key = rel.startsWith('i18n/areas/') ? rel : pkg ? `npm:${pkg}` : area(id);
    byArea.set(key, (byArea.get(key) ?? 0) + info.renderedLength);
  }
}

const groups = new Map<string, OutputChunk[]>();
for (const c of chunks.values()) {
  if (!c.isDynamicEntry || !c.facadeModuleId?.startsWith(WEB)) continue;
  const part = area(c.facadeModuleId);
  const own = closure(c).filter((x) => !shellFiles.has(x.fileName));
  const forbidden = part === 'portal' ? ['admin', 'desk'] : part === 'desk' ? ['admin'] : [];
  for (const id of foreign(own, forbidden)) {
    failures.push(`${path.relative(ROOT, c.facadeModuleId)} loads ${path.relative(ROOT, id)}`);
  }
  const list = groups.get(part) ?? [];
  for (const x of own) if (!list.includes(x)) list.push(x);
  groups.set(part, list);
}

const s = size(shell);
console.log(
  `app shell (entry + static imports): ${kb(s.raw)} raw, ${kb(s.gzip)} gzip, ${shell.length} chunks`,
);
for (const [key, bytes] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, 14)) {
  console.log(`    ${key.padEnd(28)} ${kb(bytes)} rendered`);
}
for (const [part, list] of [...groups].sort()) {
  const g = size(list);
  console.log(`  + ${part.padEnd(10)} lazy chunks (all routes): ${kb(g.raw)} raw, ${kb(g.gzip)} gzip`);
}
if (failures.length > 0) {
  console.log(`\nNOT split:\n${failures.map((f) => `  ${f}`).join('\n')}`);
  process.exit(1);
}
console.log(
  '\nsplit: no admin module in the shell, the desk or the portal chunks; no desk module in the portal',
);
