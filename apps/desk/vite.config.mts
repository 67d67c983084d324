/**
 * The moderators' desk, built into dist/desk (never committed) for the API to serve at /desk.
 * Everything is bundled into files: the API's CSP allows no inline script.
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/desk/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/desk', import.meta.url)),
    emptyOutDir: true,
    // No inlined assets (data: URLs for scripts would need a CSP exception); the desk is small anyway.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
});
