import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { bootScript } from './boot-plugin';

const root = fileURLToPath(new URL('.', import.meta.url));

// The SPA lives under web/ and builds to web/dist/, which the server serves at / (src/app.ts).
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), bootScript()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/healthz': 'http://localhost:3000',
    },
  },
});
