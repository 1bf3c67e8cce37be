/**
 * `npm run bench -- editor-bundle`: the JavaScript a browser downloads before the editor's first
 * page can render, against all the JavaScript the editor has. The editor is built (production, as
 * `npm start` serves it) into a temporary directory; the initial JS is the entry chunk with every
 * chunk it imports statically (what index.html loads eagerly: its module script and modulepreload
 * links), the rest are the lazily loaded pages and libraries. Sizes are gzip (zlib level 6, the
 * default of nginx and of Express's compression), in KiB. Value: initial JS; baseline: all JS;
 * a lower ratio means more of the editor waits until a page needs it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { reportBench } from './support/bench-report';

const root = path.resolve(__dirname, '../..');

/** Vite's build manifest (build.manifest): one entry per source module that became a chunk. */
type Manifest = Record<
  string,
  { file: string; name?: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] }
>;

interface Chunk {
  file: string;
  rawKiB: number;
  gzipKiB: number;
  initial: boolean;
}

function build(outDir: string): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      path.join(root, 'apps/editor/vite.config.mts'),
      '--outDir',
      outDir,
      '--manifest',
      '--logLevel',
      'warn',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('The editor build failed (see above).');
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** The entry's chunk and every chunk reachable from it through static imports. */
function initialFiles(manifest: Manifest): Set<string> {
  const entries = Object.keys(manifest).filter((key) => manifest[key]!.isEntry);
  if (entries.length !== 1) throw new Error(`expected one entry in the manifest, found ${entries.length}`);
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entries[0]!);
  return files;
}

/** The scripts index.html loads before any page renders: its module scripts and modulepreload links. */
function eagerScripts(indexHtml: string): Set<string> {
  const files = new Set<string>();
  for (const match of indexHtml.matchAll(/<script[^>]*type="module"[^>]*src="\/([^"]+)"/g)) files.add(match[1]!);
  for (const match of indexHtml.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+)"/g)) files.add(match[1]!);
  return files;
}

const kib = (bytes: number) => bytes / 1024;

function measure(outDir: string): { chunks: Chunk[]; cssGzipKiB: number } {
  const manifest = JSON.parse(readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const initial = initialFiles(manifest);
  const eager = eagerScripts(readFileSync(path.join(outDir, 'index.html'), 'utf8'));
  // The two views of "initial" must agree, or one of them no longer describes what the browser does.
  const missing = [...initial].filter((file) => !eager.has(file));
  const extra = [...eager].filter((file) => !initial.has(file));
  if (missing.length || extra.length) {
    throw new Error(
      `index.html and the manifest disagree: not eager ${missing.join(', ')}; not static ${extra.join(', ')}`,
    );
  }
  const jsFiles = new Set(
    Object.values(manifest)
      .map((chunk) => chunk.file)
      .filter((file) => file.endsWith('.js')),
  );
  const chunks = [...jsFiles].map((file) => {
    const bytes = readFileSync(path.join(outDir, file));
    return { file, rawKiB: kib(bytes.length), gzipKiB: kib(gzipSync(bytes).length), initial: initial.has(file) };
  });
  const cssFiles = new Set(Object.values(manifest).flatMap((chunk) => chunk.css ?? []));
  const entryCss = Object.values(manifest)
    .filter((chunk) => initial.has(chunk.file))
    .flatMap((chunk) => chunk.css ?? []);
  const cssGzipKiB = entryCss.reduce(
    (sum, file) => sum + kib(gzipSync(readFileSync(path.join(outDir, file))).length),
    0,
  );
  console.log(`CSS: ${cssFiles.size} files, ${cssGzipKiB.toFixed(1)} KiB gzip loaded initially`);
  return { chunks, cssGzipKiB };
}

function main(): void {
  const outDir = mkdtempSync(path.join(tmpdir(), 'kizuna-bench-editor-'));
  try {
    const took = build(outDir);
    console.log(`editor built in ${took.toFixed(1)} s`);
    const { chunks } = measure(outDir);
    chunks.sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzipKiB - a.gzipKiB);
    console.log('chunk                                          raw KiB  gzip KiB  loaded');
    for (const chunk of chunks) {
      console.log(
        `${chunk.file.padEnd(46)} ${chunk.rawKiB.toFixed(1).padStart(8)} ${chunk.gzipKiB.toFixed(1).padStart(9)}  ${chunk.initial ? 'initial' : 'lazy'}`,
      );
    }
    const sum = (list: Chunk[], key: 'rawKiB' | 'gzipKiB') => list.reduce((total, chunk) => total + chunk[key], 0);
    const initial = chunks.filter((chunk) => chunk.initial);
    console.log(
      `initial JS: ${initial.length} chunks, ${sum(initial, 'rawKiB').toFixed(1)} KiB raw, ${sum(initial, 'gzipKiB').toFixed(1)} KiB gzip`,
    );
    console.log(
      `all JS: ${chunks.length} chunks, ${sum(chunks, 'rawKiB').toFixed(1)} KiB raw, ${sum(chunks, 'gzipKiB').toFixed(1)} KiB gzip`,
    );
    reportBench({
      name: 'editor-bundle',
      value: sum(initial, 'gzipKiB'),
      unit: 'KiB',
      baseline: sum(chunks, 'gzipKiB'),
      better: 'lower',
    });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

main();
