import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../api/api-client';

export interface EngineHealth {
  status: 'ok' | 'degraded';
  database: { status: 'up' | 'down'; latencyMs?: number };
  queue: { adapter: 'inline' | 'bullmq'; status: 'up' | 'down' };
  version: string;
}

export function useEngineHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => apiRequest<EngineHealth>('/health', { signal }),
    refetchInterval: 30_000,
  });
}
