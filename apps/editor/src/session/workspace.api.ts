import { apiRequest } from '../api/api-client';

export interface Workspace {
  id: number | string;
  slug: string;
  name: string;
  /** IANA zone in which dates are shown and CSV times without an offset are read. */
  timezone: string;
}

export const workspaceQueryKey = ['workspace'] as const;

export function fetchWorkspace(options: { apiKey?: string; signal?: AbortSignal } = {}): Promise<Workspace> {
  return apiRequest<Workspace>('/v1/workspace', options);
}
