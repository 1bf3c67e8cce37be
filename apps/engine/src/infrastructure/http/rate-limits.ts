import {
  Injectable,
  Module,
  UseGuards,
  applyDecorators,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Cluster, Redis } from 'ioredis';
import { redisClient } from '../queue/redis-connection';
import { RedisThrottlerStorage } from './redis-throttler-storage';
import { SkipThrottle, ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { EngineConfig } from '../../config/engine-config';
import type { AuthenticatedRequest } from '../../auth/current-workspace.decorator';

/**
 * The public doors of the engine and how each is counted. Webhooks, tracking links and sign-in are
 * reached without an API key, so they are counted per client address; the events API per
 * workspace key, so one busy integration cannot starve another behind the same proxy.
 */
export type PublicTraffic = 'webhooks' | 'tracking' | 'events' | 'sign-in';

const TRAFFIC: readonly PublicTraffic[] = ['webhooks', 'tracking', 'events', 'sign-in'];

/** Sign-in is counted per minute: password guessing is slow and patient, other traffic comes in bursts. */
const WINDOW_MS: Record<PublicTraffic, number> = { webhooks: 1_000, tracking: 1_000, events: 1_000, 'sign-in': 60_000 };

/** Requests allowed per window for each kind of traffic; 0 turns that limit off. */
export type RateLimits = Record<PublicTraffic, number>;

export function rateLimitsFrom(config: EngineConfig): RateLimits {
  return {
    webhooks: config.KIZUNA_RATE_LIMIT_WEBHOOKS,
    tracking: config.KIZUNA_RATE_LIMIT_TRACKING,
    events: config.KIZUNA_RATE_LIMIT_EVENTS,
    'sign-in': config.KIZUNA_RATE_LIMIT_SIGN_IN,
  };
}

/**
 * Counts per workspace when the request carries an authenticated workspace (the global auth guard
 * ran first), else per client address.
 */
@Injectable()
export class PublicRateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(request: Pick<AuthenticatedRequest, 'auth' | 'ip'>): Promise<string> {
    if (request.auth) return `workspace:${request.auth.workspaceId}`;
    return `ip:${request.ip ?? 'unknown'}`;
  }
}

/** Marks a controller as public traffic of the given kind: only that kind's limit applies to it. */
export function RateLimited(traffic: PublicTraffic): MethodDecorator & ClassDecorator {
  const others = Object.fromEntries(TRAFFIC.filter((kind) => kind !== traffic).map((kind) => [kind, true]));
  return applyDecorators(SkipThrottle(others), UseGuards(PublicRateLimitGuard));
}

/** Closes the Redis client of the counters at shutdown (the throttler module does not own it). */
@Injectable()
class CounterClientShutdown implements OnApplicationShutdown {
  constructor(private readonly client: Redis | Cluster | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit().catch(() => this.client?.disconnect());
  }
}

export interface CounterStore {
  redisUrl: string;
  cluster: boolean;
  prefix: string;
}

@Module({})
export class RateLimitModule {
  /**
   * Counters live in Redis when the engine has one (every API process counts together), else in
   * this process (embedded mode: one process anyway).
   */
  static forRoot(limits: RateLimits, store?: CounterStore): DynamicModule {
    const client = store ? redisClient(store.redisUrl, store.cluster) : null;
    return {
      module: RateLimitModule,
      global: true,
      imports: [
        ThrottlerModule.forRoot({
          ...(client && store ? { storage: new RedisThrottlerStorage(client, store.prefix) } : {}),
          errorMessage: 'Too many requests: slow down and retry after the time in Retry-After',
          throttlers: TRAFFIC.map((name) => ({
            name,
            ttl: WINDOW_MS[name],
            limit: limits[name],
            skipIf: () => limits[name] === 0,
          })),
        }),
      ],
      providers: [
        PublicRateLimitGuard,
        { provide: CounterClientShutdown, useFactory: () => new CounterClientShutdown(client) },
      ],
      exports: [ThrottlerModule, PublicRateLimitGuard],
    };
  }
}
