/**
 * Adds the boot script (src/boot/boot.ts) to index.html: built with esbuild into one small file under
 * /assets with the list of the desk's chunks and styles (those of the desk frame, the inbox and its
 * prefetch, with everything they import that index.html does not preload already), loaded `defer` so it
 * never holds up the page. A file, not an inline script: the Content-Security-Policy allows only 'self'.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Plugin } from 'vite';
import { DESK_ENTRIES } from './chunk-plugin.ts';

const BOOT = fileURLToPath(new URL('src/boot/boot.ts', import.meta.url));

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  imports: string[];
  isEntry: boolean;
  moduleIds: string[];
  viteMetadata?: { importedCss: Set<string> };
}

/** The files a set of chunks needs: themselves, their static imports (transitively), their CSS. */
function closure(roots: ChunkLike[], byName: Map<string, ChunkLike>): string[] {
  const files = new Set<string>();
  const visit = (chunk: ChunkLike) => {
    if (files.has(chunk.fileName)) return;
    files.add(chunk.fileName);
    for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css);
    for (const name of chunk.imports) {
      const next = byName.get(name);
      if (next) visit(next);
    }
  };
  roots.forEach(visit);
  return [...files];
}

export function bootScript(): Plugin {
  return {
    name: 'bfg2-boot-script',
    enforce: 'post',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((f): f is typeof f & ChunkLike => f.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c as ChunkLike]));
      const entry = chunks.filter((c) => c.isEntry);
      // The chunks holding the desk's lazy modules (web/chunk-plugin.ts puts them in one).
      const holding = (m: string) => chunks.filter((c) => c.moduleIds.some((id) => id.endsWith(m)));
      if (DESK_ENTRIES.some((m) => holding(m).length === 0)) {
        this.error(`boot script: the desk's chunks were not found (${DESK_ENTRIES.join(', ')})`);
      }
      const desk = [...new Set(DESK_ENTRIES.flatMap(holding))] as ChunkLike[];
      // What index.html preloads already is left out.
      const loaded = new Set(closure(entry, byName));
      const assets = closure(desk, byName)
        .filter((f) => !loaded.has(f))
        .map((f) => `/${f}`);
      const result = await build({
        entryPoints: [BOOT],
        bundle: true,
        write: false,
        minify: true,
        format: 'iife',
        target: 'es2020',
        define: { BOOT_DESK_ASSETS: JSON.stringify(assets) },
        logLevel: 'warning',
      });
      const ref = this.emitFile({
        type: 'asset',
        name: 'boot.js',
        source: result.outputFiles[0]?.text ?? '',
      });
      const html = bundle['index.html'];
      if (html?.type !== 'asset' || typeof html.source !== 'string') {
        this.error('boot script: index.html is not in the bundle');
      }
      html.source = html.source.replace(
        '<head>',
        `<head>\n    <script defer src="/${this.getFileName(ref)}"></script>`,
      );
    },
  };
}
