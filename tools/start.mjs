// `npm start`: builds the editor if its sources changed, then runs the engine (API + editor on one
// port) from the TypeScript sources. See README "Quick start".
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEditor, editorIsStale } from './build-editor.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

if (editorIsStale()) {
  process.stdout.write('Building the editor...\n');
  buildEditor({ force: true });
}
require('./register-typescript.cjs');
require(path.join(root, 'apps/engine/src/main.ts'));
