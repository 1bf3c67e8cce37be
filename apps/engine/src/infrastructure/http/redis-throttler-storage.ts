import type { ThrottlerStorage } from '@nestjs/throttler';
import { Logger } from '@nestjs/common';
import type { Cluster, Redis } from 'ioredis';

/**
 * A fixed window per key, and a block once the limit is passed, in one script so that concurrent
 * API processes count together. Both keys share a hash tag: on a Redis Cluster a script may only
 * touch keys of one slot.
 */
const INCREMENT = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return {tonumber(redis.call('GET', KEYS[1]) or '0'), math.max(redis.call('PTTL', KEYS[1]), 0), 1, blocked}
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, ttl, 1, tonumber(ARGV[3])}
end
return {hits, ttl, 0, 0}
`;

type Client = (Redis | Cluster) & {
  throttle(hits: string, block: string, ttlMs: number, limit: number, blockMs: number): Promise<number[]>;
};

/**
 * Rate-limit counters in Redis when the engine runs with one (REDIS_URL), so a limit holds across
 * every API process instead of per process. Times are answered in seconds, as the in-memory
 * storage of @nestjs/throttler answers them (they become Retry-After).
 *
 * When Redis does not answer, requests pass uncounted: a limit exists to shed abuse, and refusing
 * every webhook and tracking link while Redis restarts would lose responses and break links.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly client: Client;
  private lastWarningAt = 0;

  constructor(
    client: Redis | Cluster,
    private readonly prefix: string,
  ) {
    client.defineCommand('throttle', { numberOfKeys: 2, lua: INCREMENT });
    this.client = client as Client;
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const tag = `${this.prefix}:throttle:{${throttlerName}:${key}}`;
    let answer: number[];
    try {
      answer = await this.client.throttle(`${tag}:hits`, `${tag}:block`, ttl, limit, blockDuration);
    } catch (error) {
      if (Date.now() - this.lastWarningAt > 60_000) {
        this.lastWarningAt = Date.now();
        this.logger.warn({ err: error }, 'rate-limit counters unavailable in Redis: requests pass uncounted');
      }
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
    const [totalHits = 0, expiresInMs = 0, blocked = 0, blockedForMs = 0] = answer;
    return {
      totalHits,
      timeToExpire: Math.ceil(expiresInMs / 1000),
      isBlocked: blocked === 1,
      timeToBlockExpire: Math.ceil(blockedForMs / 1000),
    };
  }
}
