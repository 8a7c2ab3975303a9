/**
 * Writes a brotli (.br) and a gzip (.gz) twin beside each text file of the build, once, at the highest
 * settings, so the server sends compressed files without compressing anything per request
 * (src/platform/http/web-app.ts picks the twin by Accept-Encoding). Files too small to gain are left alone.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const TEXT = /\.(js|mjs|css|html|svg|json|txt)$/;
/** Below this, the compressed file and its headers save next to nothing. */
const MIN_BYTES = 1024;

const toBrotli = promisify(brotliCompress);
const toGzip = promisify(gzip);

export function compressAssets(): Plugin {
  return {
    name: 'bfg2-compress-assets',
    apply: 'build',
    enforce: 'post',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? '';
      await Promise.all(
        Object.values(bundle).map(async (file) => {
          if (!TEXT.test(file.fileName)) return;
          const source = file.type === 'chunk' ? file.code : file.source;
          const bytes = typeof source === 'string' ? Buffer.from(source) : Buffer.from(source);
          if (bytes.length < MIN_BYTES) return;
          const target = path.join(dir, file.fileName);
          const [br, gz] = await Promise.all([
            toBrotli(bytes, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
              },
            }),
            toGzip(bytes, { level: constants.Z_BEST_COMPRESSION }),
          ]);
          await Promise.all([writeFile(`${target}.br`, br), writeFile(`${target}.gz`, gz)]);
        }),
      );
    },
  };
}
