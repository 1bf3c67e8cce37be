import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../api/api-client';
import type { JourneyDetail, JourneyLiftReport, JourneySummary, JourneyTemplateSummary } from './journey';

export const journeysQueryKey = ['journeys'] as const;

/** How often a running journey's totals refresh while its canvas is open. */
const LIVE_REFRESH_MS = 10_000;

export function useJourneys() {
  return useQuery({
    queryKey: [...journeysQueryKey, 'list'],
    queryFn: ({ signal }) => apiRequest<JourneySummary[]>('/v1/journeys', { signal }),
  });
}

/** `live`: refetched every few seconds once published, for the figures (the canvas reads the draft once). */
export function useJourney(id: number | null, options: { live?: boolean } = {}) {
  return useQuery({
    queryKey: [...journeysQueryKey, 'detail', id],
    queryFn: ({ signal }) => apiRequest<JourneyDetail>(`/v1/journeys/${id}`, { signal }),
    enabled: id !== null,
    refetchInterval: (query) => (options.live && query.state.data?.currentVersion != null ? LIVE_REFRESH_MS : false),
  });
}

export function useJourneyTemplates() {
  return useQuery({
    queryKey: [...journeysQueryKey, 'templates'],
    queryFn: ({ signal }) => apiRequest<JourneyTemplateSummary[]>('/v1/journeys/templates', { signal }),
    staleTime: Infinity,
  });
}

/** A new journey, empty or from a scenario template (the engine creates the segments it needs). */
export function useCreateJourney() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; template?: string }) =>
      apiRequest<JourneyDetail>('/v1/journeys', { method: 'POST', json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: journeysQueryKey }),
  });
}

/**
 * Lift against the holdout from the reports API, for a published journey. The report scans the
 * journey's enrolments, so it is refreshed once a minute, not with every figure, and not retried.
 */
export function useJourneyLift(journeyId: number, published: boolean) {
  return useQuery({
    queryKey: [...journeysQueryKey, 'lift', journeyId],
    queryFn: ({ signal }) => apiRequest<JourneyLiftReport>(`/v1/reports/journeys/${journeyId}`, { signal }),
    enabled: published,
    staleTime: 30_000,
    refetchInterval: 60_000,
    retry: false,
  });
}
