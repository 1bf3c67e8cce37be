import { DomainError } from '@kizuna/shared';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ENGINE_CONFIG, type EngineConfig } from '../config/engine-config';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * /api/metrics is outside the workspace API keys (it spans workspaces and is read by Prometheus,
 * not by a workspace). With KIZUNA_METRICS_TOKEN set it needs `Authorization: Bearer <token>`;
 * unset, it is open, as /api/health is: it carries counts and route templates, never a
 * workspace's data (docs/operations.md).
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected: Buffer | undefined;

  constructor(@Inject(ENGINE_CONFIG) config: EngineConfig) {
    this.expected = config.KIZUNA_METRICS_TOKEN ? digest(config.KIZUNA_METRICS_TOKEN) : undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) return true;
    const authorization = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const presented = authorization.toLowerCase().startsWith('bearer ') ? authorization.slice(7).trim() : '';
    // Digests of equal length, compared in constant time: the comparison reveals nothing of the token.
    if (presented && timingSafeEqual(digest(presented), this.expected)) return true;
    throw new DomainError(
      'unauthenticated',
      'The metrics token is required: send "Authorization: Bearer <KIZUNA_METRICS_TOKEN>".',
    );
  }
}
