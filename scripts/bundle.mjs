// Production build of the server: one ESM file, dist/cli.js (the `bfg2-support` bin), with the SQL
// migrations beside it (scripts/server-bundle.mjs). Type checking is `npm run typecheck`; this only bundles.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { bundleServer } from './server-bundle.mjs';

rmSync('dist', { recursive: true, force: true });
await bundleServer({ entry: 'src/cli.ts', outfile: 'dist/cli.js', sourcemap: true });
// The embeddable chat widget (web/widget/): one small script for other sites, served at /widget.js.
await build({
  entryPoints: ['web/widget/widget.ts'],
  outfile: 'dist/widget.js',
  bundle: true,
  minify: true,
  platform: 'browser',
  target: ['es2020'],
  format: 'iife',
  logLevel: 'warning',
});
