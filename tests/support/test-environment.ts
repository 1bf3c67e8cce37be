/**
 * Where integration tests find the real services of this machine (DEVELOPERS.md): PostgreSQL on
 * 127.0.0.1:5432 (user postgres) and Redis on 127.0.0.1:6379. Override with env for other setups.
 */
export const testServerUrl = process.env.KIZUNA_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const testRedisUrl = process.env.KIZUNA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(database: string): string {
  const url = new URL(testServerUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
