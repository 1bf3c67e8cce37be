import { DomainError } from '@kizuna/shared';
import type { ExecutionContext } from '@nestjs/common';
import type { EngineConfig } from '../config/engine-config';
import { MetricsTokenGuard } from './metrics-token.guard';

const TOKEN = 'a-metrics-token-0123456789';

function requestWith(authorization?: string): ExecutionContext {
  const request = { headers: authorization === undefined ? {} : { authorization } };
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

describe('MetricsTokenGuard', () => {
  it('lets every request through when KIZUNA_METRICS_TOKEN is unset', () => {
    const guard = new MetricsTokenGuard({} as EngineConfig);
    expect(guard.canActivate(requestWith())).toBe(true);
  });

  it('needs the exact bearer token when it is set', () => {
    const guard = new MetricsTokenGuard({ KIZUNA_METRICS_TOKEN: TOKEN } as EngineConfig);
    expect(guard.canActivate(requestWith(`Bearer ${TOKEN}`))).toBe(true);
    expect(guard.canActivate(requestWith(`bearer  ${TOKEN} `))).toBe(true);
    for (const header of [undefined, '', 'Bearer ', `Bearer ${TOKEN}x`, TOKEN, `Basic ${TOKEN}`]) {
      expect(() => guard.canActivate(requestWith(header))).toThrow(DomainError);
    }
  });
});
