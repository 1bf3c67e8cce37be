import { readFileSync } from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// An ES module config (.mts) in a CommonJS package: import.meta.dirname is native (Node >= 20.11).
const editorRoot = import.meta.dirname;
const workspaceRoot = path.resolve(editorRoot, '../..');

// The domain libs that run in the browser too (pure TypeScript over zod, luxon and cron-parser).
// Listed, not taken from every tsconfig path, so a Node-only lib (@kizuna/db) fails the build here
// instead of shipping to the browser; the file each points to is read from tsconfig.base.json.
const browserLibs = ['@kizuna/journey', '@kizuna/segments', '@kizuna/shared'];
const tsconfigPaths = (
  JSON.parse(readFileSync(path.join(workspaceRoot, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  }
).compilerOptions.paths;
const libAliases = browserLibs.map((lib) => {
  const target = tsconfigPaths[lib]?.[0];
  if (!target) throw new Error(`tsconfig.base.json has no path for ${lib}`);
  return { find: new RegExp(`^${lib}$`), replacement: path.join(workspaceRoot, target) };
});

export default defineConfig({
  root: editorRoot,
  base: '/',
  plugins: [react()],
  resolve: { alias: libAliases },
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
            // The journey canvas (React Flow, its d3 and zustand internals, dagre for auto-layout):
            // the largest library of the editor, loaded only when a journey is opened. Lowest
            // priority: a group also takes its modules' dependencies (includeDependenciesRecursively),
            // so before the react group took React, this one pulled React into the first load.
            {
              name: 'canvas',
              test: /node_modules[\\/](@xyflow|@dagrejs|d3-[a-z]+|classcat|zustand|use-sync-external-store)[\\/]/,
              priority: 0,
            },
            // Journey validation and what it needs, loaded only by the journeys pages.
            {
              name: 'journey',
              test: /[\\/]libs[\\/](journey|segments|shared)[\\/]|node_modules[\\/](zod|luxon|cron-parser)[\\/]/,
              priority: 5,
            },
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
