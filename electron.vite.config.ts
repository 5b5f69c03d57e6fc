import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { CSP_META } from './src-main/csp';

/**
 * The built index.html carries our CSP as a <meta> tag too (main also sends it as a header).
 * Build only: `electron-vite dev` needs Vite's inline refresh script, which main's dev CSP allows.
 */
function cspMeta(): Plugin {
  return {
    name: 'shopdesk-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META },
        injectTo: 'head-prepend',
      },
    ],
  };
}

// Explicit entries for the three source folders (main, preload, renderer).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // better-sqlite3 is a native module: it stays external and is loaded from node_modules
      // (asar-unpacked in packaged builds, see electron-builder.yml).
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/index.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    base: './',
    plugins: [react(), cspMeta()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-renderer/index.html') },
      },
    },
  },
});
