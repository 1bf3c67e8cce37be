import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// An ES module config (.mts) in a CommonJS package: import.meta.dirname is native (Node >= 20.11).
const editorRoot = import.meta.dirname;

export default defineConfig({
  root: editorRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(editorRoot, 'dist'),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries in their own long-cached chunks, one per family, so a page that needs a library
        // later (React Flow for the journey builder) does not pull it into the first load.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 4 },
            { name: 'router', test: /node_modules[\\/](react-router|cookie|set-cookie-parser)[\\/]/, priority: 3 },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 2 },
            {
              name: 'i18n',
              test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/,
              priority: 1,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 4200,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: true },
    },
  },
  preview: {
    port: 4200,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: true },
    },
  },
});
