// Loaded only by the Prisma CLI. See ../shared/notes/prisma-offline.md (kept in docs/adr/0002).
import { defineConfig } from 'prisma/config';
import { createPgAdapter } from './libs/db/src/prisma-pg-adapter';

// Unset, `prisma generate` tries to download an engine; any syntactically valid URL avoids it.
process.env.DATABASE_URL ??= 'postgresql://placeholder@localhost:5432/placeholder';

// The Wasm schema engine arms 10 s and 60 s timers it never clears; unref'd, the CLI exits at once.
const originalSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = Object.assign((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const timer = originalSetTimeout(callback, ms, ...args);
  if ((ms ?? 0) >= 5000) timer.unref();
  return timer;
}, originalSetTimeout) as typeof setTimeout;

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => createPgAdapter(process.env.DATABASE_URL!),
});
