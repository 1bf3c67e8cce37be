// Builds the editor (apps/editor -> apps/editor/dist) when its sources are newer than the build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const editor = path.join(root, 'apps/editor');
const builtIndex = path.join(editor, 'dist/index.html');
const watched = ['src', 'index.html', 'vite.config.mts', 'package.json'].map((p) => path.join(editor, p));

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(target).map((entry) => newestMtime(path.join(target, entry))));
}

export function editorIsStale() {
  if (!existsSync(builtIndex)) return true;
  const built = statSync(builtIndex).mtimeMs;
  // The libs the editor bundles (see browserLibs in apps/editor/vite.config.mts).
  const libs = ['journey', 'segments', 'shared'].map((lib) => newestMtime(path.join(root, 'libs', lib, 'src')));
  return Math.max(...watched.map(newestMtime), ...libs) > built;
}

export function buildEditor({ force = false } = {}) {
  if (!force && !editorIsStale()) return false;
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', path.join(editor, 'vite.config.mts'), '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('The editor build failed (see above).');
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  buildEditor({ force: process.argv.includes('--force') });
  console.log(`editor built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
