import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { bootScript } from './boot-plugin.ts';
import { chunkGroups } from './chunk-plugin.ts';
import { compressAssets } from './compress-plugin.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const chunks = chunkGroups();

// The SPA lives under web/ and builds to web/dist/, which the server serves at / (src/app.ts).
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), chunks.plugin, bootScript(), compressAssets()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: { output: { codeSplitting: { groups: chunks.groups } } },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/healthz': 'http://localhost:3000',
    },
  },
});
