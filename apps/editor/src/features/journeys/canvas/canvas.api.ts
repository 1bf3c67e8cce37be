import type { JourneyGraph, JourneyIssue } from '@kizuna/journey';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../api/api-client';
import type { JourneyDetail } from '../journey';
import { journeysQueryKey } from '../journeys.api';
import type { NodeStatisticsRow } from './run-overlays';

/** A message template as `GET /v1/templates` lists it (content left out: the picker needs names). */
export interface MessageTemplateSummary {
  id: number;
  key: string;
  channel: string;
  name: string;
}

export interface SegmentSummary {
  id: number;
  name: string;
  memberCount: number;
}

export interface JourneyVersion {
  version: number;
  graph: JourneyGraph;
  changeSummary: string[];
  publishedAt: string;
}

/** `POST /v1/journeys/:id/simulate`: what the canvas draws of a dry run. */
export interface SimulationResult {
  customers: { customerId: number; outcome: string }[];
  edgeCounts: Record<string, number>;
  nodeCounts: Record<string, number>;
  outcomes: Record<string, number>;
}

export interface SimulationRequest {
  segmentId?: number;
  sample?: number;
  graph: unknown;
  assumeEventsHappen: boolean;
}

// Templates and segments change rarely while a journey is edited; a minute keeps pickers snappy.
const REFERENCE_STALE_MS = 60_000;
/** How often a running journey's figures refresh on the canvas. */
export const STATS_REFRESH_MS = 10_000;

export function useMessageTemplates() {
  return useQuery({
    queryKey: ['templates', 'list'],
    queryFn: ({ signal }) => apiRequest<MessageTemplateSummary[]>('/v1/templates', { signal }),
    staleTime: REFERENCE_STALE_MS,
  });
}

/**
 * The workspace's segments, under the segments pages' own query key and response shape (`{ items }`),
 * so both features share one cache entry; `select` hands the canvas the list.
 */
export function useSegments() {
  return useQuery({
    queryKey: ['segments', 'list'],
    queryFn: ({ signal }) => apiRequest<{ items: SegmentSummary[] }>('/v1/segments', { signal }),
    select: (data) => data.items,
    staleTime: REFERENCE_STALE_MS,
  });
}

export function useJourneyStats(journeyId: number, published: boolean) {
  return useQuery({
    queryKey: [...journeysQueryKey, 'stats', journeyId],
    queryFn: ({ signal }) => apiRequest<NodeStatisticsRow[]>(`/v1/journeys/${journeyId}/stats`, { signal }),
    enabled: published,
    refetchInterval: STATS_REFRESH_MS,
  });
}

export function fetchVersions(journeyId: number): Promise<JourneyVersion[]> {
  return apiRequest<JourneyVersion[]>(`/v1/journeys/${journeyId}/versions`);
}

/** Saves the draft; the engine answers with the journey and its issues for that draft. */
export function saveDraft(journeyId: number, graph: unknown): Promise<JourneyDetail> {
  return apiRequest<JourneyDetail>(`/v1/journeys/${journeyId}`, { method: 'PUT', json: { graph } });
}

export function useSimulation(journeyId: number) {
  return useMutation({
    mutationFn: (request: SimulationRequest) =>
      apiRequest<SimulationResult>(`/v1/journeys/${journeyId}/simulate`, { method: 'POST', json: request }),
  });
}

/** Publish, pause, resume: each refreshes the journey (status, version) and the list. */
export function useJourneyLifecycle(journeyId: number, action: 'publish' | 'pause' | 'resume') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest<{ version?: number; status?: string }>(`/v1/journeys/${journeyId}/${action}`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: journeysQueryKey }),
  });
}

export function useTemplatePreview() {
  return useMutation({
    mutationFn: (input: { channel: string; key: string; customerId: number }) =>
      apiRequest<Record<string, unknown>>(
        `/v1/templates/${encodeURIComponent(input.channel)}/${encodeURIComponent(input.key)}/preview`,
        { method: 'POST', json: { customerId: input.customerId } },
      ),
  });
}

export type { JourneyIssue };
