// globalSetup runs outside jest's module registry: no path aliases here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import integrationGlobalSetup from './integration-global-setup';

const root = path.resolve(__dirname, '../..');

/**
 * Builds the editor once per browser-test run into a directory of its own (served through
 * KIZUNA_EDITOR_DIR), so a concurrent `npm start` or build of apps/editor/dist cannot change the
 * page under test; then prepares the migrated template database as the integration tier does.
 */
export default async function browserGlobalSetup(): Promise<void> {
  // A build made beforehand (e.g. of a clean checkout while others edit this one) is used as it is.
  if (process.env.KIZUNA_EDITOR_DIR) return integrationGlobalSetup();
  const outDir = mkdtempSync(path.join(tmpdir(), 'kizuna-editor-'));
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(
    process.execPath,
    [
      vite,
      'build',
      '--config',
      path.join(root, 'apps/editor/vite.config.mts'),
      '--outDir',
      outDir,
      '--logLevel',
      'warn',
    ],
    // Jest sets NODE_ENV=test, which Vite would bake in: React's development build, several times
    // slower, would then be what the tests (and the canvas timings) measure.
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (result.status !== 0) throw new Error('The editor build for the browser tests failed (see above).');
  // Workers start after globalSetup and inherit its environment.
  process.env.KIZUNA_EDITOR_DIR = outDir;
  await integrationGlobalSetup();
}
