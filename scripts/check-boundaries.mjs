// Proves the module-boundary rules bite: cruises test/boundaries-fixture (one violation per rule, on
// purpose) with the real .dependency-cruiser.cjs and fails unless every expected violation is reported.
// Without this a rule whose pattern stopped matching (a renamed folder, a tool upgrade) would pass quietly.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const fixture = fileURLToPath(new URL('../test/boundaries-fixture/', import.meta.url));
const config = fileURLToPath(new URL('../.dependency-cruiser.cjs', import.meta.url));
const cli = fileURLToPath(
  new URL('../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url),
);

const expected = [
  ['module-deep-import', 'src/modules/c/reach-in.ts', 'src/modules/b/other.ts'],
  ['outside-deep-import', 'src/app.ts', 'src/modules/a/thing.ts'],
  ['module-cycle', 'src/modules/a', 'src/modules/b'],
  ['module-cycle', 'src/modules/b', 'src/modules/a'],
  ['file-cycle', 'src/modules/d/one.ts', 'src/modules/d/two.ts'],
  ['db-imports-upward', 'src/db/client.ts', 'src/platform/hook.ts'],
  ['platform-imports-module', 'src/platform/hook.ts', 'src/modules/a/index.ts'],
  ['module-imports-config', 'src/modules/c/settings.ts', 'src/config.ts'],
  ['unresolvable-import', 'src/modules/c/typo.ts', './no-such-file.js'],
];

let output;
try {
  output = execFileSync(process.execPath, [cli, 'src', '--config', config, '--output-type', 'json'], {
    cwd: fixture,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
} catch (error) {
  // Violations make the cruiser exit non-zero; its report is still on stdout.
  output = error.stdout;
}
const report = JSON.parse(output);
const found = new Set(report.summary.violations.map((v) => `${v.rule.name} ${v.from} ${v.to}`));
const missing = expected.filter(([rule, from, to]) => !found.has(`${rule} ${from} ${to}`));
if (missing.length > 0) {
  for (const [rule, from, to] of missing) console.error(`not reported: ${rule} ${from} → ${to}`);
  console.error('check-boundaries: a boundary rule no longer bites (see test/boundaries-fixture/README.md)');
  process.exit(1);
}
console.log(`check-boundaries: all ${expected.length} planted violations reported`);
