// `npm run bench -- <name>`: runs tests/bench/<name>.bench.ts, which prints its figures and ends with
// `BENCH <name> value=... unit=... baseline=... ratio=... better=...`. Benchmarks are not tests.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'tests/bench');
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>\navailable: ${available.join(', ')}`);
  process.exit(2);
}
const require = createRequire(import.meta.url);
require('./register-typescript.cjs');
require(path.join(benchDir, `${name}.bench.ts`));
