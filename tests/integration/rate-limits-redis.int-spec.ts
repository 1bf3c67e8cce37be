import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisThrottlerStorage } from '../../apps/engine/src/infrastructure/http/redis-throttler-storage';
import { testRedisUrl } from '../support/test-environment';
import { startTestEngine, type TestEngine } from '../support/test-engine';

function signIn(test: TestEngine): Promise<number> {
  return fetch(`${test.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'guess@example.jp', password: 'a guessed password' }),
  }).then((response) => response.status);
}

/**
 * With Redis, rate limits hold across API processes: two engines on one Redis share the counters,
 * as two API processes behind a load balancer do. Without an answer from Redis, requests pass.
 */
describe('Rate limits in Redis', () => {
  const engines: TestEngine[] = [];
  afterAll(() => Promise.all(engines.map((engine) => engine.stop())));

  it('counts sign-in attempts of one address across two API processes', async () => {
    const env = {
      REDIS_URL: testRedisUrl,
      KIZUNA_QUEUE_PREFIX: `kizuna-test-${randomBytes(4).toString('hex')}`,
      KIZUNA_RATE_LIMIT_SIGN_IN: '3',
      KIZUNA_PERIODIC_TASKS: 'off',
    };
    engines.push(await startTestEngine(env), await startTestEngine(env));
    const [first, second] = engines as [TestEngine, TestEngine];
    const statuses = [];
    for (const engine of [first, second, first, second, first]) statuses.push(await signIn(engine));
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  }, 60_000);

  it('lets requests through uncounted while Redis does not answer', async () => {
    const unreachable = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      lazyConnect: true,
    });
    const storage = new RedisThrottlerStorage(unreachable, 'kizuna-test');
    await expect(storage.increment('address', 60_000, 1, 60_000, 'sign-in')).resolves.toEqual({
      totalHits: 0,
      timeToExpire: 0,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    unreachable.disconnect();
  });
});
